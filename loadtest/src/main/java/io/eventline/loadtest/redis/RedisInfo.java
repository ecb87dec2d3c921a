package io.eventline.loadtest.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What Redis says about itself: INFO used_memory and connected_clients, MEMORY USAGE of a key, settings that shape memory. */
public final class RedisInfo {
    private final RedisCommands<String, String> admin;

    public RedisInfo(RedisCommands<String, String> admin) {
        this.admin = requireNonNull(admin, "admin is null");
    }

    public long usedMemory() {
        return Long.parseLong(infoField(admin.info("memory"), "used_memory")
                .orElseThrow(() -> new IllegalStateException("INFO memory has no used_memory")));
    }

    /** Client connections open, this tool's own included. */
    public long connectedClients() {
        return Long.parseLong(infoField(admin.info("clients"), "connected_clients")
                .orElseThrow(() -> new IllegalStateException("INFO clients has no connected_clients")));
    }

    public String redisVersion() {
        return infoField(admin.info("server"), "redis_version").orElse("unknown");
    }

    /** Bytes the key takes, every nested value counted (SAMPLES 0); 0 when the key does not exist. */
    public long memoryUsage(String key) {
        Long bytes = admin.dispatch(CommandType.MEMORY, new IntegerOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("USAGE").addKey(key).add("SAMPLES").add(0));
        return bytes == null ? 0 : bytes;
    }

    public String config(String name) {
        Map<String, String> values = admin.configGet(name);
        return values.getOrDefault(name, "?");
    }

    static Optional<String> infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Optional.of(line.substring(field.length() + 1).trim());
            }
        }
        return Optional.empty();
    }
}
