package io.eventline.loadtest.scenario;

import io.eventline.loadtest.grpc.TransportSecurity;
import io.eventline.loadtest.endpoint.Target;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A scenario run, checked. Every measured phase stops at {@code total} requests or after
 * {@code duration}, whichever comes first, after {@code warmup} of unmeasured load
 * ({@code initialWarmup} before the first phase, while the JIT compilers are still busy).
 */
public record ScenarioSettings(
        ScenarioName scenario,
        Target target,
        TransportSecurity security,
        int connections,
        Duration timeout,
        String redisUri,
        String namespace,
        int partitions,
        int dedupWindow,
        int concurrency,
        long total,
        Duration duration,
        Duration warmup,
        Duration initialWarmup,
        int keyspace,
        int payloadBytes,
        int eventsPerAppend,
        int streamLength,
        int maxCount,
        int streams,
        int eventsPerStream,
        int maxAttempts,
        boolean clientIds,
        String eventType,
        String contentType,
        SubscriptionLoad subscriptionLoad,
        Optional<URI> serverMetrics) {
    public ScenarioSettings {
        requireNonNull(scenario, "scenario is null");
        requireNonNull(target, "target is null");
        requireNonNull(security, "security is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(redisUri, "redisUri is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(warmup, "warmup is null");
        requireNonNull(initialWarmup, "initialWarmup is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(subscriptionLoad, "subscriptionLoad is null");
        requireNonNull(serverMetrics, "serverMetrics is null");
        atLeast(1, connections, "--connections");
        atLeast(1, partitions, "--partitions");
        atLeast(0, dedupWindow, "--dedup-window");
        atLeast(1, concurrency, "--concurrency");
        atLeast(1, keyspace, "--keyspace");
        atLeast(0, payloadBytes, "--payload-bytes");
        atLeast(1, eventsPerAppend, "--events-per-append");
        atLeast(1, streamLength, "--stream-length");
        atLeast(1, maxCount, "--max-count");
        atLeast(1, streams, "--streams");
        atLeast(1, eventsPerStream, "--events-per-stream");
        atLeast(1, maxAttempts, "--max-attempts");
        if (total < 1) {
            throw new IllegalArgumentException("-n/--total must be at least 1: every scenario phase is bounded in count");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("-z/--duration must be positive: every scenario phase is bounded in time");
        }
        if (warmup.isNegative() || initialWarmup.isNegative()) {
            throw new IllegalArgumentException("--warmup and --initial-warmup must not be negative");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
    }

    static void atLeast(int minimum, int value, String option) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", is " + value);
        }
    }
}
