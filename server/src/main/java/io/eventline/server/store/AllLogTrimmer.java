package io.eventline.server.store;

import io.eventline.server.concurrent.DaemonThreads;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Optional age-based retention of $all: every minute, trims each partition log's pointers older
 * than the retention (log IDs carry their time, so this is one XTRIM MINID per partition).
 * The events stay in their streams; only $all stops listing them.
 */
public final class AllLogTrimmer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AllLogTrimmer.class);

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService scheduler;

    public AllLogTrimmer(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, Clock clock, Duration retention) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.scheduler = DaemonThreads.scheduler("all-log-trimmer", 1);
    }

    public void start() {
        if (!retention.isZero()) {
            scheduler.scheduleWithFixedDelay(this::trimOnce, 0, 1, TimeUnit.MINUTES);
        }
    }

    /** Trims every partition log once. */
    public void trimOnce() {
        String minimumId = (clock.millis() - retention.toMillis()) + "-0";
        for (int partition = 0; partition < keys.partitions(); partition++) {
            int trimmedPartition = partition;
            redis.xtrim(keys.logKey(partition), XTrimArgs.Builder.minId(minimumId)).whenComplete((trimmed, error) -> {
                if (error != null) {
                    log.warn("Trimming the $all log of partition {} failed: {}", trimmedPartition, error.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
