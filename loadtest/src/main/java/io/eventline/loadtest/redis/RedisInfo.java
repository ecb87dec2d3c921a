package io.eventline.loadtest.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What Redis says about itself: memory holding data, connected clients, MEMORY USAGE of a key, settings that shape memory. */
public final class RedisInfo {
    private static final List<String> TRANSIENT_MEMORY_FIELDS = List.of(
            "mem_clients_normal", "mem_clients_slaves", "mem_aof_buffer", "mem_replication_backlog");

    private final RedisCommands<String, String> admin;

    public RedisInfo(RedisCommands<String, String> admin) {
        this.admin = requireNonNull(admin, "admin is null");
    }

    /**
     * Memory holding data: INFO used_memory less the buffers that come and go with traffic (client
     * output and query buffers, the AOF buffer, replicas and their backlog), so that a write burst or
     * an AOF rewrite during a measurement is not counted as stored data.
     */
    public long storedBytes() {
        String info = admin.info("memory");
        long stored = field(info, "used_memory");
        for (String transientField : TRANSIENT_MEMORY_FIELDS) {
            stored -= infoField(info, transientField).map(Long::parseLong).orElse(0L);
        }
        return stored;
    }

    /** CPU seconds Redis has used since it started, system and user (INFO cpu). */
    public double cpuSeconds() {
        String info = admin.info("cpu");
        return Double.parseDouble(infoField(info, "used_cpu_sys").orElse("0")) + Double.parseDouble(infoField(info, "used_cpu_user").orElse("0"));
    }

    /** Client connections open, this tool's own included. */
    public long connectedClients() {
        return field(admin.info("clients"), "connected_clients");
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

    private static long field(String info, String name) {
        return Long.parseLong(infoField(info, name).orElseThrow(() -> new IllegalStateException("INFO has no " + name)));
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
