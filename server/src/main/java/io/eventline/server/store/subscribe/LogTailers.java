package io.eventline.server.store.subscribe;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.StoreKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's log tailers: one for every partition log on a single Redis; one per partition on a
 * Redis Cluster, where one XREAD cannot span keys of different hash slots.
 */
public final class LogTailers implements AutoCloseable {
    private final List<LogTailer> tailers;

    private LogTailers(List<LogTailer> tailers) {
        this.tailers = List.copyOf(tailers);
    }

    public static LogTailers open(RedisConnection redis, StoreKeys keys, SubscriptionHub hub, Duration block) {
        List<List<Integer>> groups = new ArrayList<>();
        if (redis.isCluster()) {
            for (int partition = 0; partition < keys.partitions(); partition++) {
                groups.add(List.of(partition));
            }
        }
        else {
            List<Integer> all = new ArrayList<>();
            for (int partition = 0; partition < keys.partitions(); partition++) {
                all.add(partition);
            }
            groups.add(all);
        }
        List<LogTailer> tailers = new ArrayList<>();
        for (List<Integer> partitions : groups) {
            RedisConnection.DedicatedConnection connection = redis.openDedicated();
            tailers.add(new LogTailer(connection.commands(), connection, keys, partitions, hub, block));
        }
        return new LogTailers(tailers);
    }

    public void start() {
        tailers.forEach(LogTailer::start);
    }

    @Override
    public void close() {
        tailers.forEach(LogTailer::close);
    }
}
