package io.eventline.server;

import io.eventline.server.config.GrpcConfig;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.health.RedisHealth;
import io.eventline.server.lifecycle.DataDirectoryLock;
import io.eventline.server.lifecycle.StartedSteps;
import io.eventline.server.lifecycle.StartupException;
import io.eventline.server.metrics.GroupMetrics;
import io.eventline.server.metrics.MetricsHttpServer;
import io.eventline.server.redis.EmbeddedRedisSupervisor;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.redis.RedisStartupReport;
import io.eventline.server.security.TokenFile;
import io.eventline.server.store.AllLogTrimmer;
import io.eventline.server.store.PartitionCountRecord;
import io.eventline.server.store.StoreKeys;
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

/**
 * The running server's lifecycle, and the only place that touches the world: {@link #start()} locks
 * the data directory, starts the embedded Redis, connects, verifies the store, starts the background
 * work and binds the ports, in that order; a failure undoes what was done, in reverse, and so does
 * {@link #stop()} (gRPC stops first, Redis last).
 */
public final class EventlineServer {
    private static final Logger log = LoggerFactory.getLogger(EventlineServer.class);

    private final Optional<DataDirectoryLock> dataDirectoryLock;
    private final Optional<EmbeddedRedisSupervisor> embeddedRedis;
    private final RedisConnection redis;
    private final RedisStartupReport startupReport;
    private final PartitionCountRecord partitionCount;
    private final StoreKeys keys;
    private final EventlineGrpcServer grpcServer;
    private final AllLogTrimmer allLogTrimmer;
    private final LogTailers logTailers;
    private final SubscriptionHub subscriptions;
    private final ScheduledExecutorService subscriptionScheduler;
    private final RedisHealth redisHealth;
    private final Optional<MetricsHttpServer> metricsServer;
    private final GroupMetrics groupMetrics;
    private final GrpcConfig grpcConfig;
    private final Optional<TokenFile> tokenFile;
    private final IdleConsumerSweeper idleConsumerSweeper;
    private final StartedSteps steps = new StartedSteps();
    /** Set by a stop (SIGTERM) that arrives while start() runs: start() gives up at its next step. */
    private volatile boolean stopRequested;

    @Inject
    public EventlineServer(Optional<DataDirectoryLock> dataDirectoryLock, Optional<EmbeddedRedisSupervisor> embeddedRedis, RedisConnection redis,
            RedisStartupReport startupReport, PartitionCountRecord partitionCount, StoreKeys keys, EventlineGrpcServer grpcServer,
            AllLogTrimmer allLogTrimmer, LogTailers logTailers, SubscriptionHub subscriptions, ScheduledExecutorService subscriptionScheduler,
            RedisHealth redisHealth, Optional<MetricsHttpServer> metricsServer, GroupMetrics groupMetrics, GrpcConfig grpcConfig,
            Optional<TokenFile> tokenFile, IdleConsumerSweeper idleConsumerSweeper) {
        this.dataDirectoryLock = requireNonNull(dataDirectoryLock, "dataDirectoryLock is null");
        this.embeddedRedis = requireNonNull(embeddedRedis, "embeddedRedis is null");
        this.redis = requireNonNull(redis, "redis is null");
        this.startupReport = requireNonNull(startupReport, "startupReport is null");
        this.partitionCount = requireNonNull(partitionCount, "partitionCount is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.grpcServer = requireNonNull(grpcServer, "grpcServer is null");
        this.allLogTrimmer = requireNonNull(allLogTrimmer, "allLogTrimmer is null");
        this.logTailers = requireNonNull(logTailers, "logTailers is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.subscriptionScheduler = requireNonNull(subscriptionScheduler, "subscriptionScheduler is null");
        this.redisHealth = requireNonNull(redisHealth, "redisHealth is null");
        this.metricsServer = requireNonNull(metricsServer, "metricsServer is null");
        this.groupMetrics = requireNonNull(groupMetrics, "groupMetrics is null");
        this.grpcConfig = requireNonNull(grpcConfig, "grpcConfig is null");
        this.tokenFile = requireNonNull(tokenFile, "tokenFile is null");
        this.idleConsumerSweeper = requireNonNull(idleConsumerSweeper, "idleConsumerSweeper is null");
    }

    /**
     * Starts everything, or nothing: on failure what was started is stopped again and the exception
     * propagates; a {@link StartupException} names the cause and the fix in its message.
     */
    public synchronized void start() {
        try {
            step("data directory lock", () -> dataDirectoryLock.ifPresent(DataDirectoryLock::acquire),
                    () -> dataDirectoryLock.ifPresent(DataDirectoryLock::close));
            step("embedded Redis", () -> embeddedRedis.ifPresent(EmbeddedRedisSupervisor::start),
                    () -> embeddedRedis.ifPresent(EmbeddedRedisSupervisor::close));
            step("Redis connection", () -> {
                redis.connect();
                redis.withServerCommands(commands -> startupReport.report(commands, redis.description()));
            }, redis::close);
            step("store check", () -> partitionCount.verify(redis.commands(), keys), () -> { });
            step("subscription scheduler", () -> { }, subscriptionScheduler::shutdownNow);
            step("$all log trimmer", allLogTrimmer::start, allLogTrimmer::close);
            step("log tailers", logTailers::start, logTailers::close);
            step("group metrics", groupMetrics::start, groupMetrics::close);
            step("idle consumer sweeper", idleConsumerSweeper::start, idleConsumerSweeper::close);
            step("token file watcher", () -> tokenFile.ifPresent(TokenFile::start), () -> tokenFile.ifPresent(TokenFile::close));
            step("metrics listener", () -> metricsServer.ifPresent(server -> {
                server.start();
                log.info("Metrics on http://{}:{}/metrics, health on /healthz", server.host(), server.port());
            }), () -> metricsServer.ifPresent(MetricsHttpServer::close));
            step("gRPC server", grpcServer::start, () -> grpcServer.stop(grpcConfig.shutdownTimeout(),
                    () -> subscriptions.terminateAll(new StoreUnavailableException("the server is shutting down; reconnect to another instance"))));
            step("Redis health check", redisHealth::start, redisHealth::close);
        }
        catch (RuntimeException e) {
            steps.undoAll();
            throw e;
        }
        log.info("Eventline serving gRPC on {}:{}", grpcConfig.host(), grpcServer.port());
    }

    private void step(String name, Runnable start, Runnable undo) {
        if (stopRequested) {
            throw new StartupException("stopped during start-up (SIGTERM or Ctrl-C) before the " + name + " started");
        }
        steps.run(name, start, undo);
    }

    public int port() {
        return grpcServer.port();
    }

    /** The /metrics port, or -1 when metrics are off. */
    public int metricsPort() {
        return metricsServer.map(MetricsHttpServer::port).orElse(-1);
    }

    /** Stops what start() started, in reverse; during a start, makes the start give up and undo itself first. Safe to call again. */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            if (steps.isEmpty()) {
                return;
            }
            log.info("Eventline stopping: refusing new calls, ending {} subscriptions, draining for up to {}",
                    subscriptions.size(), grpcConfig.shutdownTimeout());
            steps.undoAll();
            log.info("Eventline stopped");
        }
    }
}
