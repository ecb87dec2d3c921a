package io.eventline.client.testing;

import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineClientBuilder;
import io.eventline.server.EventlineServer;
import io.eventline.server.Main;
import io.eventline.server.lifecycle.StartupException;
import io.eventline.server.testing.TestRedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * A real Eventline server, wired by {@link Main} as a user starts it, on a loopback port and a fresh
 * namespace of the test Redis. It can be restarted on the same port and store, as an operator would.
 */
public final class TestServer implements AutoCloseable {
    /** A read page of this many events, pinned so that tests can reason about what a reader buffers. */
    public static final int READ_PAGE_SIZE = 256;
    private static final Duration REBIND_WAIT = Duration.ofSeconds(15);

    private final TestRedis redis;
    private final String namespace;
    private final List<String> extraFlags;
    private EventlineServer server;
    private int port;

    private TestServer(TestRedis redis, List<String> extraFlags) {
        this.redis = requireNonNull(redis, "redis is null");
        this.namespace = redis.newNamespace();
        this.extraFlags = List.copyOf(extraFlags);
    }

    /** Starts a server; {@code extraFlags} add settings, e.g. {@code --security.token-file=...}. */
    public static TestServer start(TestRedis redis, String... extraFlags) {
        TestServer testServer = new TestServer(redis, List.of(extraFlags));
        testServer.startOn(0);
        return testServer;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    public EventlineClient newClient() {
        return newClient(UnaryOperator.identity());
    }

    /** A client for this server, configured further by {@code customize}. */
    public EventlineClient newClient(UnaryOperator<EventlineClientBuilder> customize) {
        return customize.apply(EventlineClient.builder().target(target()).deadline(Duration.ofSeconds(15))).build();
    }

    /** Stops the server: subscriptions end with UNAVAILABLE, new calls fail. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Stops the server and starts a new one on the same port and store. */
    public synchronized void restart() throws InterruptedException {
        stop();
        long deadline = System.nanoTime() + REBIND_WAIT.toNanos();
        while (true) {
            try {
                startOn(port);
                return;
            }
            catch (StartupException e) {
                // the port may linger for a moment after the old server let it go
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startOn(int requestedPort) {
        List<String> flags = new ArrayList<>(List.of(
                "--grpc.port=" + requestedPort,
                "--grpc.host=127.0.0.1",
                "--grpc.shutdown-timeout=2s",
                "--metrics.port=0",
                "--metrics.host=127.0.0.1",
                "--redis.uri=" + redis.uri(),
                "--store.namespace=" + namespace,
                "--store.read-page-size=" + READ_PAGE_SIZE,
                "--subscriptions.heartbeat-interval=1s"));
        flags.addAll(extraFlags);
        // a start that fails (the port refused it) has already undone itself: nothing to release here
        EventlineServer started = Main.create(flags, Map.of());
        started.start();
        server = started;
        port = started.port();
    }
}
