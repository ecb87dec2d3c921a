package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.concurrent.DaemonThreads;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.Caller;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Every {@link #INTERVAL}, forgets the consumers the server named that hold nothing and have been
 * idle for {@code minIdle}: those a crashed or killed server left behind (a server that ends a call
 * removes its consumer at once), so Redis does not keep them forever.
 */
public final class IdleConsumerSweeper implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(IdleConsumerSweeper.class);
    private static final RedisScript SWEEP_SCRIPT = StoredField.script(IdleConsumerSweeper.class, "sweep_consumers.lua");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final GroupStore groups;
    private final Duration minIdle;
    private final ScheduledExecutorService scheduler;

    public IdleConsumerSweeper(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupStore groups, Duration minIdle) {
        this.redis = requireNonNull(redis, "redis is null");
        this.groups = requireNonNull(groups, "groups is null");
        this.minIdle = requireNonNull(minIdle, "minIdle is null");
        this.scheduler = DaemonThreads.scheduler("idle-consumer-sweeper", 1);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(() -> sweep().whenComplete((removed, error) -> {
            if (error != null) {
                log.warn("Sweeping idle consumers failed: {}", error.toString());
            }
            else if (removed > 0) {
                log.info("Removed {} idle consumers that servers had named and left behind", removed);
            }
        }), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sweeps every group once; replies how many consumers went. */
    public CompletableFuture<Long> sweep() {
        return groups.list(Caller.trusted()).thenCompose(definitions -> {
            List<CompletableFuture<List<Object>>> sweeps = new ArrayList<>();
            for (GroupDefinition definition : definitions) {
                for (GroupSource source : groups.sources(definition)) {
                    for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
                        sweeps.add(SWEEP_SCRIPT.run(redis, new byte[][] {key}, utf8(definition.name()), utf8(Long.toString(minIdle.toMillis()))));
                    }
                }
            }
            return CompletableFuture.allOf(sweeps.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> sweeps.stream().mapToLong(sweep -> (Long) sweep.join().get(0)).sum());
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
