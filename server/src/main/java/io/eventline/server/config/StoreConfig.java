package io.eventline.server.config;

import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.store.append.GroupCommitLimits;

import java.time.Duration;

/** The store's layout in Redis and its per-request limits. */
public record StoreConfig(
        String namespace,
        int partitions,
        int readPageSize,
        int readPageBytes,
        Duration allLogRetention,
        StoreLimits limits,
        GroupCommitLimits groupCommit,
        int maxSnapshotBytes) {
    public static StoreConfig from(ConfigProperties properties) {
        String namespace = properties.getString("store.namespace", "el");
        if (namespace.isEmpty() || namespace.contains("{") || namespace.contains("}")) {
            throw properties.fail("store.namespace", "must be non-empty and free of '{' and '}'");
        }
        return new StoreConfig(
                namespace,
                properties.getInt("store.partitions", 1, 1, 16384),
                properties.getInt("store.read-page-size", 256, 1, 10_000),
                properties.getInt("store.read-page-bytes", ByteBudget.DEFAULT_MAX_BYTES, 64 * 1024, 1024 * 1024 * 1024),
                properties.getDuration("store.all-log-retention", Duration.ZERO),
                new StoreLimits(
                        properties.getInt("limits.max-append-events", 1000, 1, 100_000),
                        properties.getInt("limits.max-event-bytes", 1024 * 1024, 1, 64 * 1024 * 1024),
                        properties.getInt("limits.max-append-bytes", 4 * 1024 * 1024, 1, 64 * 1024 * 1024),
                        properties.getInt("store.dedup-window", 16, 0, 1000)),
                new GroupCommitLimits(
                        properties.getInt("store.group-commit.max-calls-in-flight", GroupCommitLimits.DEFAULTS.maxCallsInFlight(), 1, 64),
                        properties.getInt("store.group-commit.max-call-events", GroupCommitLimits.DEFAULTS.maxCallEvents(), 1, 100_000),
                        properties.getInt("store.group-commit.max-call-bytes", (int) GroupCommitLimits.DEFAULTS.maxCallBytes(), 1, 64 * 1024 * 1024),
                        properties.getInt("store.group-commit.max-queued-events", GroupCommitLimits.DEFAULTS.maxQueuedEvents(), 0, 10_000_000),
                        properties.getInt("store.group-commit.max-queued-bytes", (int) GroupCommitLimits.DEFAULTS.maxQueuedBytes(), 0, Integer.MAX_VALUE)),
                properties.getInt("limits.max-snapshot-bytes", 4 * 1024 * 1024, 1, 64 * 1024 * 1024));
    }
}
