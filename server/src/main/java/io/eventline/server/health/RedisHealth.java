package io.eventline.server.health;

import io.eventline.server.concurrent.DaemonThreads;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Serving status follows Redis: a PING every interval on the shared connection; no answer within
 * the interval and grpc.health.v1 (and /healthz) say NOT_SERVING until Redis answers again.
 */
public final class RedisHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisHealth.class);

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final ServiceHealth health;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private volatile boolean serving;

    public RedisHealth(RedisClusterAsyncCommands<byte[], byte[]> redis, ServiceHealth health, Duration interval) {
        this.redis = requireNonNull(redis, "redis is null");
        this.health = requireNonNull(health, "health is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.scheduler = DaemonThreads.scheduler("redis-health", 1);
    }

    public void start() {
        serving = true;
        health.set(ServingStatus.SERVING);
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean serving() {
        return serving;
    }

    private void check() {
        boolean reachable;
        try {
            redis.ping().toCompletableFuture().get(interval.toMillis(), TimeUnit.MILLISECONDS);
            reachable = true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        catch (Exception e) {
            reachable = false;
        }
        if (reachable != serving) {
            serving = reachable;
            if (reachable) {
                log.info("Redis answers again: SERVING");
            }
            else {
                log.warn("Redis does not answer: NOT_SERVING");
            }
            health.set(reachable ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        }
    }

    /** Stops checking and reports NOT_SERVING for good (the server is stopping). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        serving = false;
        health.enterTerminalState();
    }
}
