package io.eventline.server.config;

import static java.util.Objects.requireNonNull;

/** Every module's configuration, read and checked at once so a bad setting fails the start. */
public record EventlineConfig(GrpcConfig grpc, RedisConfig redis, StoreConfig store, SubscriptionConfig subscriptions, MetricsConfig metrics,
        SecurityConfig security) {
    public EventlineConfig {
        requireNonNull(grpc, "grpc is null");
        requireNonNull(redis, "redis is null");
        requireNonNull(store, "store is null");
        requireNonNull(subscriptions, "subscriptions is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(security, "security is null");
    }

    public static EventlineConfig from(ConfigProperties properties) {
        EventlineConfig config = new EventlineConfig(GrpcConfig.from(properties), RedisConfig.from(properties), StoreConfig.from(properties),
                SubscriptionConfig.from(properties), MetricsConfig.from(properties), SecurityConfig.from(properties));
        properties.requireAllRecognized();
        if (config.metrics().requireToken() && config.security().tokenFile().isEmpty()) {
            throw properties.fail("metrics.require-token", "needs security.token-file: /metrics accepts the tokens of that file");
        }
        return config;
    }

    /** The effective configuration for the start-up log, secrets masked. */
    public String describe() {
        return "grpc=" + grpc.host() + ":" + grpc.port()
                + " redis=" + redis.maskedUri().orElse("embedded (data in " + redis.embeddedDataDir().toAbsolutePath() + ", appendfsync " + redis.embeddedAppendFsync() + ")")
                + " namespace=" + store.namespace()
                + " partitions=" + store.partitions()
                + " limits=" + store.limits()
                + " all-log-retention=" + (store.allLogRetention().isZero() ? "forever" : store.allLogRetention())
                + " metrics=" + (metrics.enabled() ? metrics.host() + ":" + metrics.port() + (metrics.requireToken() ? " (token required)" : "") : "off")
                + " tls=" + (security.tls() ? (security.tlsClientCa().isPresent() ? "mutual" : "on") : "off")
                + " auth=" + (security.tokenFile().isPresent() ? "bearer tokens" : "off");
    }
}
