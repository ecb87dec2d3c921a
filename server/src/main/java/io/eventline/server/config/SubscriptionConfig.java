package io.eventline.server.config;

import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.subscribe.SubscriptionSettings;

import java.time.Duration;

/** Subscription defaults and limits. */
public record SubscriptionConfig(SubscriptionSettings settings, int schedulerThreads) {
    public static SubscriptionConfig from(ConfigProperties properties) {
        int defaultMaxInFlight = properties.getInt("subscriptions.default-max-in-flight", 100, 1, 100_000);
        int maxMaxInFlight = properties.getInt("subscriptions.max-in-flight", 10_000, 1, 100_000);
        if (defaultMaxInFlight > maxMaxInFlight) {
            throw properties.fail("subscriptions.default-max-in-flight", "must not exceed subscriptions.max-in-flight (" + maxMaxInFlight + ")");
        }
        Duration heartbeat = properties.getDuration("subscriptions.heartbeat-interval", Duration.ofSeconds(10));
        Duration poll = properties.getDuration("subscriptions.poll-interval", Duration.ofSeconds(2));
        if (heartbeat.toMillis() < 10 || poll.toMillis() < 10) {
            throw properties.fail("subscriptions.heartbeat-interval", "heartbeat and poll intervals must be at least 10ms");
        }
        int maxBufferedBytes = properties.getInt("subscriptions.max-buffered-bytes", ByteBudget.DEFAULT_MAX_BYTES,
                64 * 1024, 1024 * 1024 * 1024);
        return new SubscriptionConfig(
                new SubscriptionSettings(defaultMaxInFlight, maxMaxInFlight, heartbeat, poll, maxBufferedBytes),
                properties.getInt("subscriptions.scheduler-threads", 2, 1, 64));
    }
}
