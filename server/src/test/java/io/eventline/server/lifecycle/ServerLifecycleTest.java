package io.eventline.server.lifecycle;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.EventlineServer;
import io.eventline.server.Main;
import io.eventline.server.config.ConfigurationException;
import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.testing.Ports;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.noStream;
import static io.eventline.server.testing.Fixtures.read;
import static io.eventline.server.testing.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server with its embedded Redis, as a user starts it: a failed start stops what it started, one
 * server per data directory, a stale redis-server is stopped, a killed one is restarted.
 */
@Timeout(120)
class ServerLifecycleTest {
    /** Far above what a restart takes (backoff starts at 0.5 s); a bound, not a measurement. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    @Test
    void aBusyMetricsPortFailsTheStartNamingItAndStopsWhatWasStarted(@TempDir Path data) throws Exception {
        assertABusyPortFailsTheStartAndLeavesNothing(data, "metrics.port");
    }

    @Test
    void aBusyGrpcPortFailsTheStartNamingItAndStopsWhatWasStarted(@TempDir Path data) throws Exception {
        assertABusyPortFailsTheStartAndLeavesNothing(data, "grpc.port");
    }

    private static void assertABusyPortFailsTheStartAndLeavesNothing(Path data, String setting) throws Exception {
        int redisPort = Ports.free();
        try (ServerSocket busy = Ports.busy()) {
            EventlineServer server = embeddedServer(data, redisPort, "--" + setting + "=" + busy.getLocalPort());
            StartupException failure = assertThrows(StartupException.class, server::start);
            assertTrue(failure.getMessage().contains("127.0.0.1:" + busy.getLocalPort()) && failure.getMessage().contains(setting), failure.getMessage());
        }
        assertNothingLeft(data, redisPort);
    }

    @Test
    @Timeout(30)
    void aBusyEmbeddedRedisPortFailsAtOnceWithRedisOwnReason(@TempDir Path data) throws Exception {
        try (ServerSocket busy = Ports.busy()) {
            EventlineServer server = embeddedServer(data, busy.getLocalPort());
            StartupException failure = assertThrows(StartupException.class, server::start);
            assertTrue(failure.getMessage().contains("127.0.0.1:" + busy.getLocalPort() + ": Address already in use")
                    && failure.getMessage().contains("redis.embedded.port"), failure.getMessage());
        }
        assertLockFree(data);
    }

    @Test
    void aBadTokenFileOrTlsFileFailsTheWiringNamingTheFileAndStartsNothing(@TempDir Path data, @TempDir Path files) throws Exception {
        Path missing = files.resolve("no-such-file");
        Path notPem = Files.writeString(files.resolve("not-pem.txt"), "not a certificate\n");
        ConfigurationException tokens = assertThrows(ConfigurationException.class,
                () -> embeddedServer(data, 0, "--security.token-file=" + missing));
        assertTrue(tokens.getMessage().contains(missing.toString()), tokens.getMessage());
        ConfigurationException tls = assertThrows(ConfigurationException.class,
                () -> embeddedServer(data, 0, "--security.tls.cert-chain=" + notPem, "--security.tls.private-key=" + notPem));
        assertTrue(tls.getMessage().contains("security.tls.cert-chain=" + notPem), tls.getMessage());
        assertFalse(Files.exists(data.resolve(EmbeddedRedis.PID_FILE)), "no redis-server was started");
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryFailsNamingTheHoldersPid(@TempDir Path data) throws Exception {
        EventlineServer first = embeddedServer(data, 0);
        first.start();
        try {
            EventlineServer second = embeddedServer(data, 0);
            StartupException failure = assertThrows(StartupException.class, second::start);
            assertTrue(failure.getMessage().contains("pid " + ProcessHandle.current().pid()), failure.getMessage());
            assertServing(first);
        }
        finally {
            first.stop();
        }
        assertLockFree(data);
    }

    @Test
    void aRedisServerLeftRunningByAKilledServerIsStoppedByTheNextStart(@TempDir Path data) throws Exception {
        // what a kill -9 of the server leaves: its redis-server, still on the AOF, with the pidfile naming it
        EmbeddedRedis orphan = EmbeddedRedis.start(new RedisBinaryLocator(false, "").locate(), data, 0, "everysec", 0);
        EventlineServer server = embeddedServer(data, 0);
        try {
            server.start();
            orphan.exited().get(30, TimeUnit.SECONDS);
            assertServing(server);
        }
        finally {
            server.stop();
            orphan.close();
        }
    }

    @Test
    void aPidfileNamingAnotherProcessStopsNothing(@TempDir Path data, @TempDir Path elsewhere) throws Exception {
        EmbeddedRedis otherRedis = EmbeddedRedis.start(new RedisBinaryLocator(false, "").locate(), elsewhere, 0, "everysec", 0);
        try {
            // a pid reused by a process that is no redis-server (this JVM), and a redis-server of another data directory
            for (long pid : List.of(ProcessHandle.current().pid(), otherRedis.pid())) {
                Files.writeString(data.resolve(EmbeddedRedis.PID_FILE), pid + "\n");
                EventlineServer server = embeddedServer(data, 0);
                server.start();
                server.stop();
            }
            assertFalse(otherRedis.exited().isDone(), "a redis-server of another data directory was left alone");
        }
        finally {
            otherRedis.close();
        }
    }

    @Test
    void aKilledEmbeddedRedisIsRestartedAndKeepsTheAcknowledgedAppends(@TempDir Path data) throws Exception {
        EventlineServer server = embeddedServer(data, 0, "--redis.embedded.appendfsync=always", "--health.redis-check-interval=200ms",
                "--redis.command-timeout=2s");
        server.start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            var events = EventStoreServiceGrpc.newBlockingStub(channel);
            events.withDeadlineAfter(10, TimeUnit.SECONDS).appendEvents(append("before-1", noStream(), event("A"), event("B"), event("C")));
            long killed = redisPid(data);
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
            while (!appended(events.withDeadlineAfter(2, TimeUnit.SECONDS))) {
                assertTrue(System.nanoTime() < deadline, "appends work again within " + RECOVERY_BOUND);
                Thread.sleep(200);
            }
            assertEquals(List.of("A", "B", "C"), types(drain(events.withDeadlineAfter(10, TimeUnit.SECONDS).readStream(read("before-1").build()))));
            assertNotEquals(killed, redisPid(data), "a new redis-server serves");
            while (HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus()
                    != ServingStatus.SERVING) {
                assertTrue(System.nanoTime() < deadline, "health is SERVING again within " + RECOVERY_BOUND);
                Thread.sleep(200);
            }
        }
        finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
        assertFalse(Files.exists(data.resolve(EmbeddedRedis.PID_FILE)), "the restarted redis-server was stopped with the server");
    }

    private static boolean appended(EventStoreServiceGrpc.EventStoreServiceBlockingStub events) {
        try {
            events.appendEvents(append("after-1", any(), event("D")));
            return true;
        }
        catch (StatusRuntimeException e) {
            return false;
        }
    }

    private static long redisPid(Path data) throws Exception {
        return Long.parseLong(Files.readString(data.resolve(EmbeddedRedis.PID_FILE)).trim());
    }

    private static EventlineServer embeddedServer(Path data, int redisPort, String... flags) {
        List<String> args = new ArrayList<>(List.of("--grpc.host=127.0.0.1", "--grpc.port=0", "--metrics.host=127.0.0.1", "--metrics.port=0",
                "--redis.embedded.data-dir=" + data, "--redis.embedded.port=" + redisPort));
        args.addAll(List.of(flags));
        return Main.create(args, Map.of());
    }

    private static void assertServing(EventlineServer server) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus());
        }
        finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The embedded Redis stopped (its port free, its pidfile removed on its clean exit) and the data directory unlocked. */
    private static void assertNothingLeft(Path data, int redisPort) {
        assertTrue(Ports.isFree(redisPort), "the embedded Redis on port " + redisPort + " was stopped");
        assertFalse(Files.exists(data.resolve(EmbeddedRedis.PID_FILE)), "redis-server exited cleanly and removed its pidfile");
        assertLockFree(data);
    }

    private static void assertLockFree(Path data) {
        DataDirectoryLock lock = new DataDirectoryLock(data);
        lock.acquire();
        lock.close();
    }
}
