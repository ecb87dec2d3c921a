package io.eventline.server;

import io.eventline.server.config.GrpcConfig;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.AllLogTrimmer;
import io.eventline.server.store.StoreUnavailableException;
import io.eventline.server.store.subscribe.LogTailer;
import io.eventline.server.store.subscribe.SubscriptionHub;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/** The running server's lifecycle: start gRPC last, stop it first, close Redis last. */
public final class EventlineServer {
    private static final Logger log = LoggerFactory.getLogger(EventlineServer.class);

    private final EventlineGrpcServer grpcServer;
    private final AllLogTrimmer allLogTrimmer;
    private final LogTailer logTailer;
    private final SubscriptionHub subscriptions;
    private final ScheduledExecutorService subscriptionScheduler;
    private final RedisConnection redis;
    private final GrpcConfig grpcConfig;

    @Inject
    public EventlineServer(EventlineGrpcServer grpcServer, AllLogTrimmer allLogTrimmer, LogTailer logTailer, SubscriptionHub subscriptions,
            ScheduledExecutorService subscriptionScheduler, RedisConnection redis, GrpcConfig grpcConfig) {
        this.grpcServer = requireNonNull(grpcServer, "grpcServer is null");
        this.logTailer = requireNonNull(logTailer, "logTailer is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.subscriptionScheduler = requireNonNull(subscriptionScheduler, "subscriptionScheduler is null");
        this.allLogTrimmer = requireNonNull(allLogTrimmer, "allLogTrimmer is null");
        this.redis = requireNonNull(redis, "redis is null");
        this.grpcConfig = requireNonNull(grpcConfig, "grpcConfig is null");
    }

    public void start() {
        allLogTrimmer.start();
        logTailer.start();
        grpcServer.start();
        log.info("Eventline serving gRPC on {}:{}", grpcConfig.host(), grpcServer.port());
    }

    public int port() {
        return grpcServer.port();
    }

    public void stop() {
        log.info("Eventline stopping: refusing new calls, ending {} subscriptions, draining for up to {}",
                subscriptions.size(), grpcConfig.shutdownTimeout());
        grpcServer.stop(grpcConfig.shutdownTimeout(),
                () -> subscriptions.terminateAll(new StoreUnavailableException("the server is shutting down; reconnect to another instance")));
        logTailer.close();
        subscriptionScheduler.shutdownNow();
        allLogTrimmer.close();
        redis.close();
        log.info("Eventline stopped");
    }
}
