package io.eventline.server;

import io.eventline.server.config.GrpcConfig;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.AllLogTrimmer;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/** The running server's lifecycle: start gRPC last, stop it first, close Redis last. */
public final class EventlineServer {
    private static final Logger log = LoggerFactory.getLogger(EventlineServer.class);

    private final EventlineGrpcServer grpcServer;
    private final AllLogTrimmer allLogTrimmer;
    private final RedisConnection redis;
    private final GrpcConfig grpcConfig;

    @Inject
    public EventlineServer(EventlineGrpcServer grpcServer, AllLogTrimmer allLogTrimmer, RedisConnection redis, GrpcConfig grpcConfig) {
        this.grpcServer = requireNonNull(grpcServer, "grpcServer is null");
        this.allLogTrimmer = requireNonNull(allLogTrimmer, "allLogTrimmer is null");
        this.redis = requireNonNull(redis, "redis is null");
        this.grpcConfig = requireNonNull(grpcConfig, "grpcConfig is null");
    }

    public void start() {
        allLogTrimmer.start();
        grpcServer.start();
        log.info("Eventline serving gRPC on {}:{}", grpcConfig.host(), grpcServer.port());
    }

    public int port() {
        return grpcServer.port();
    }

    public void stop() {
        log.info("Eventline stopping: refusing new calls, draining for up to {}", grpcConfig.shutdownTimeout());
        grpcServer.stop(grpcConfig.shutdownTimeout());
        allLogTrimmer.close();
        redis.close();
        log.info("Eventline stopped");
    }
}
