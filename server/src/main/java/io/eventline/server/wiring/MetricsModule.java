package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.config.MetricsConfig;
import io.eventline.server.health.RedisHealth;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.metrics.GroupMetrics;
import io.eventline.server.metrics.GrpcMeterFilters;
import io.eventline.server.metrics.PrometheusLint;
import io.eventline.server.metrics.MetricsHttpServer;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.SubscriptionHub;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.health.ServiceHealth;
import io.eventline.server.security.BearerHeader;
import io.eventline.server.security.TokenFile;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Metrics (Micrometer, Prometheus registry, JVM and process meters), health, and the /metrics + /healthz listener. */
public final class MetricsModule extends AbstractModule {
    @Provides
    @Singleton
    PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GrpcMeterFilters.applyTo(registry);
        PrometheusLint.applyTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }

    @Provides
    @Singleton
    EventlineMetrics eventlineMetrics(MeterRegistry registry, SubscriptionHub hub) {
        EventlineMetrics metrics = new EventlineMetrics(registry);
        metrics.gauge("eventline.subscriptions.active", "Open Subscribe calls on this instance", hub::size);
        return metrics;
    }

    @Provides
    @Singleton
    GroupMetrics groupMetrics(EventlineMetrics metrics, GroupStore groups, GroupAdmin admin, MetricsConfig config) {
        return new GroupMetrics(metrics, groups, admin, config.groupInterval());
    }

    @Provides
    @Singleton
    ServiceHealth serviceHealth() {
        return new ServiceHealth(List.of(EventStoreServiceGrpc.SERVICE_NAME, StreamServiceGrpc.SERVICE_NAME, ConsumerGroupServiceGrpc.SERVICE_NAME));
    }

    @Provides
    @Singleton
    RedisHealth redisHealth(RedisClusterAsyncCommands<byte[], byte[]> redis, ServiceHealth health, MetricsConfig config) {
        return new RedisHealth(redis, health, config.healthInterval());
    }

    @Provides
    @Singleton
    Optional<MetricsHttpServer> metricsHttpServer(MetricsConfig config, PrometheusMeterRegistry registry, RedisHealth health,
            Optional<TokenFile> tokenFile) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        // the configuration refuses metrics.require-token without a token file
        Predicate<String> authorized = config.requireToken()
                ? header -> BearerHeader.token(header).flatMap(token -> tokenFile.orElseThrow().tokens().find(token)).isPresent()
                : header -> true;
        return Optional.of(new MetricsHttpServer(config.host(), config.port(), registry, health::serving, authorized));
    }
}
