package io.eventline.server.redis;

import io.eventline.server.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs the embedded redis-server for the server's life: stops one a killed server left on the data
 * directory, starts its own, and restarts it with backoff on the same port and data directory
 * whenever it dies, so the AOF brings back every acknowledged append. Nothing runs until
 * {@link #start()}; closing ends the supervision before it stops Redis.
 */
public final class EmbeddedRedisSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisSupervisor.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Supplier<Path> binary;
    private final Path dataDirectory;
    private final int configuredPort;
    private final String appendFsync;
    private final int streamNodeMaxBytes;
    private final ScheduledExecutorService restarts;
    private volatile boolean closed;
    private EmbeddedRedis current;
    private int port;

    /**
     * @param binary finds the redis-server to run (it may unpack one), asked at start
     * @param port 0 to pick a free port at the first start; restarts keep it
     */
    public EmbeddedRedisSupervisor(Supplier<Path> binary, Path dataDirectory, int port, String appendFsync, int streamNodeMaxBytes) {
        this.binary = requireNonNull(binary, "binary is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.configuredPort = port;
        this.appendFsync = requireNonNull(appendFsync, "appendFsync is null");
        this.streamNodeMaxBytes = streamNodeMaxBytes;
        this.restarts = DaemonThreads.scheduler("embedded-redis-supervisor", 1);
    }

    public synchronized void start() {
        log.info("No redis.uri (EVENTLINE_REDIS_URI) configured: starting an embedded redis-server");
        new StaleRedisServer(dataDirectory).stopIfRunning();
        launch(configuredPort);
        port = current.port();
    }

    /** The running Redis's URI; valid once started. */
    public synchronized String uri() {
        if (current == null) {
            throw new IllegalStateException("the embedded Redis has not been started");
        }
        return current.uri();
    }

    private void launch(int onPort) {
        EmbeddedRedis started = EmbeddedRedis.start(binary.get(), dataDirectory, onPort, appendFsync, streamNodeMaxBytes);
        current = started;
        started.exited().thenRun(() -> exited(started));
    }

    private void exited(EmbeddedRedis redis) {
        if (closed) {
            return;
        }
        log.warn("Embedded Redis (pid {}) on port {} exited unexpectedly with code {}; restarting it in {} ms",
                redis.pid(), redis.port(), redis.exited().join().exitValue(), FIRST_BACKOFF.toMillis());
        scheduleRestart(FIRST_BACKOFF);
    }

    private void scheduleRestart(Duration delay) {
        try {
            restarts.schedule(() -> restart(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException e) {
            // closed meanwhile: nothing to restart
        }
    }

    private synchronized void restart(Duration delay) {
        if (closed) {
            return;
        }
        try {
            launch(port);
            log.info("Embedded Redis restarted on port {}", port);
        }
        catch (RuntimeException e) {
            Duration next = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
            log.warn("Restarting the embedded Redis failed: {}; trying again in {} ms", e.getMessage(), next.toMillis());
            scheduleRestart(next);
        }
    }

    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
        synchronized (this) {
            if (current != null) {
                current.close();
            }
        }
    }
}
