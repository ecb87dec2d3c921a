package io.eventline.server.store.subscribe;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.StoreKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The server's log tailers: one for every partition log on a single Redis; one per partition on a
 * Redis Cluster, where one XREAD cannot span keys of different hash slots. Their connections are
 * opened at {@link #start()}, after the server has connected to Redis.
 */
public final class LogTailers implements AutoCloseable {
    private final RedisConnection redis;
    private final StoreKeys keys;
    private final SubscriptionHub hub;
    private final Duration block;
    private final List<LogTailer> tailers = new ArrayList<>();

    public LogTailers(RedisConnection redis, StoreKeys keys, SubscriptionHub hub, Duration block) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.block = requireNonNull(block, "block is null");
    }

    public synchronized void start() {
        for (List<Integer> partitions : partitionGroups()) {
            RedisConnection.DedicatedConnection connection = redis.openDedicated();
            LogTailer tailer = new LogTailer(connection.commands(), connection, keys, partitions, hub, block);
            tailers.add(tailer);
            tailer.start();
        }
    }

    private List<List<Integer>> partitionGroups() {
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            if (redis.isCluster()) {
                groups.add(List.of(partition));
            }
            all.add(partition);
        }
        return redis.isCluster() ? groups : List.of(all);
    }

    @Override
    public synchronized void close() {
        tailers.forEach(LogTailer::close);
        tailers.clear();
    }
}
