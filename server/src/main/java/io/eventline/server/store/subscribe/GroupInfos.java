package io.eventline.server.store.subscribe;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * XINFO GROUPS of each key, read once: the reply lists every group of the key (on a partition log,
 * every $all group of the store), so describing all groups key by key would read it once per group.
 * One per description run; thread-safe.
 */
final class GroupInfos {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final Map<String, CompletableFuture<List<Object>>> byKey = new ConcurrentHashMap<>();

    GroupInfos(RedisClusterAsyncCommands<byte[], byte[]> redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    CompletableFuture<List<Object>> of(byte[] key) {
        return byKey.computeIfAbsent(new String(key, StandardCharsets.ISO_8859_1), ignored -> redis.xinfoGroups(key).toCompletableFuture());
    }
}
