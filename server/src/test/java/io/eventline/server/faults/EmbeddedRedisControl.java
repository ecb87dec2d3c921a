package io.eventline.server.faults;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The test's own hold on the redis-server a server started as its embedded Redis (on 127.0.0.1 at a
 * port the test chose): an admin connection that reconnects after the supervisor restarts Redis,
 * kill -9 of the pid Redis reports, and a check, once the server stopped, that no redis-server it ran
 * is left. Every pid seen goes into the caller's set, which outlives this object (a restart brings a new pid).
 */
final class EmbeddedRedisControl implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESTART_BOUND = Duration.ofSeconds(60);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Set<Long> pidsSeen;

    private EmbeddedRedisControl(int port, Set<Long> pidsSeen) {
        this.pidsSeen = requireNonNull(pidsSeen, "pidsSeen is null");
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder().autoReconnect(true).timeoutOptions(TimeoutOptions.enabled(ADMIN_TIMEOUT)).build());
        this.connection = client.connect();
    }

    /** Connects to the embedded Redis of a server that is already serving; adds the pids of its redis-servers to {@code pidsSeen}. */
    static EmbeddedRedisControl connect(int port, Set<Long> pidsSeen) {
        EmbeddedRedisControl control = new EmbeddedRedisControl(port, pidsSeen);
        control.pid();
        return control;
    }

    RedisCommands<String, String> admin() {
        return connection.sync();
    }

    /** The pid Redis reports (INFO server). */
    synchronized long pid() {
        long pid = Long.parseLong(InfoFields.of(admin().info("server"), "process_id")
                .orElseThrow(() -> new IllegalStateException("INFO server has no process_id")));
        pidsSeen.add(pid);
        return pid;
    }

    /** kill -9 of the running redis-server, then waits until the server's supervisor has started another one and it answers. */
    void kill9AndAwaitRestart() throws InterruptedException {
        long killed = pid();
        ProcessHandle process = ProcessHandle.of(killed).orElseThrow(() -> new IllegalStateException("no process " + killed));
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        long deadline = System.nanoTime() + RESTART_BOUND.toNanos();
        while (restartedPid(killed).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the embedded Redis was not restarted within " + RESTART_BOUND + " of kill -9 of pid " + killed);
            }
            Thread.sleep(200);
        }
    }

    private Optional<Long> restartedPid(long killed) {
        try {
            long pid = pid();
            return pid == killed ? Optional.empty() : Optional.of(pid);
        }
        catch (RuntimeException e) {
            // down, or loading its AOF: not yet
            return Optional.empty();
        }
    }

    /** Those of {@code pids} that still run, killed (SIGKILL) so the test leaves nothing behind; empty when the server stopped them all. */
    static List<Long> killLeftovers(Set<Long> pids) {
        List<Long> alive = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
                alive.add(pid);
                process.destroyForcibly();
            });
        }
        return alive;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
