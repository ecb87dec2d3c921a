package io.eventline.server;

import io.eventline.server.config.GrpcConfig;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.health.RedisHealth;
import io.eventline.server.metrics.GroupMetrics;
import io.eventline.server.metrics.MetricsHttpServer;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.security.TokenFile;
import io.eventline.server.store.AllLogTrimmer;
import io.eventline.server.store.StoreUnavailableException;
import io.eventline.server.store.subscribe.IdleConsumerSweeper;
import io.eventline.server.store.subscribe.LogTailers;
import io.eventline.server.store.subscribe.SubscriptionHub;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/** The running server's lifecycle: start gRPC last, stop it first, close Redis last. */
public final class EventlineServer {
    private static final Logger log = LoggerFactory.getLogger(EventlineServer.class);

    private final EventlineGrpcServer grpcServer;
    private final AllLogTrimmer allLogTrimmer;
    private final LogTailers logTailers;
    private final SubscriptionHub subscriptions;
    private final ScheduledExecutorService subscriptionScheduler;
    private final RedisHealth redisHealth;
    private final Optional<MetricsHttpServer> metricsServer;
    private final GroupMetrics groupMetrics;
    private final RedisConnection redis;
    private final GrpcConfig grpcConfig;
    private final Optional<TokenFile> tokenFile;
    private final IdleConsumerSweeper idleConsumerSweeper;

    @Inject
    public EventlineServer(EventlineGrpcServer grpcServer, AllLogTrimmer allLogTrimmer, LogTailers logTailers, SubscriptionHub subscriptions,
            ScheduledExecutorService subscriptionScheduler, RedisHealth redisHealth, Optional<MetricsHttpServer> metricsServer, GroupMetrics groupMetrics,
            RedisConnection redis, GrpcConfig grpcConfig, Optional<TokenFile> tokenFile, IdleConsumerSweeper idleConsumerSweeper) {
        this.redisHealth = requireNonNull(redisHealth, "redisHealth is null");
        this.metricsServer = requireNonNull(metricsServer, "metricsServer is null");
        this.groupMetrics = requireNonNull(groupMetrics, "groupMetrics is null");
        this.grpcServer = requireNonNull(grpcServer, "grpcServer is null");
        this.logTailers = requireNonNull(logTailers, "logTailers is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.subscriptionScheduler = requireNonNull(subscriptionScheduler, "subscriptionScheduler is null");
        this.allLogTrimmer = requireNonNull(allLogTrimmer, "allLogTrimmer is null");
        this.redis = requireNonNull(redis, "redis is null");
        this.grpcConfig = requireNonNull(grpcConfig, "grpcConfig is null");
        this.tokenFile = requireNonNull(tokenFile, "tokenFile is null");
        this.idleConsumerSweeper = requireNonNull(idleConsumerSweeper, "idleConsumerSweeper is null");
    }

    public void start() {
        allLogTrimmer.start();
        logTailers.start();
        groupMetrics.start();
        idleConsumerSweeper.start();
        metricsServer.ifPresent(server -> {
            server.start();
            log.info("Metrics on http://{}:{}/metrics, health on /healthz", grpcConfig.host(), server.port());
        });
        tokenFile.ifPresent(TokenFile::start);
        grpcServer.start();
        redisHealth.start();
        log.info("Eventline serving gRPC on {}:{}", grpcConfig.host(), grpcServer.port());
    }

    public int port() {
        return grpcServer.port();
    }

    /** The /metrics port, or -1 when metrics are off. */
    public int metricsPort() {
        return metricsServer.map(MetricsHttpServer::port).orElse(-1);
    }

    public void stop() {
        log.info("Eventline stopping: refusing new calls, ending {} subscriptions, draining for up to {}",
                subscriptions.size(), grpcConfig.shutdownTimeout());
        redisHealth.close();
        grpcServer.stop(grpcConfig.shutdownTimeout(),
                () -> subscriptions.terminateAll(new StoreUnavailableException("the server is shutting down; reconnect to another instance")));
        tokenFile.ifPresent(TokenFile::close);
        logTailers.close();
        subscriptionScheduler.shutdownNow();
        allLogTrimmer.close();
        idleConsumerSweeper.close();
        groupMetrics.close();
        metricsServer.ifPresent(MetricsHttpServer::close);
        redis.close();
        log.info("Eventline stopped");
    }
}
