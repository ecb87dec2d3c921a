package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import io.eventline.server.config.EventlineConfig;
import io.eventline.server.config.GrpcConfig;
import io.eventline.server.config.RedisConfig;
import io.eventline.server.config.MetricsConfig;
import io.eventline.server.config.SecurityConfig;
import io.eventline.server.config.StoreConfig;
import io.eventline.server.config.SubscriptionConfig;

import static java.util.Objects.requireNonNull;

/** Binds each module's configuration. */
public final class ConfigModule extends AbstractModule {
    private final EventlineConfig config;

    public ConfigModule(EventlineConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(EventlineConfig.class).toInstance(config);
        bind(GrpcConfig.class).toInstance(config.grpc());
        bind(RedisConfig.class).toInstance(config.redis());
        bind(StoreConfig.class).toInstance(config.store());
        bind(SubscriptionConfig.class).toInstance(config.subscriptions());
        bind(MetricsConfig.class).toInstance(config.metrics());
        bind(SecurityConfig.class).toInstance(config.security());
    }
}
