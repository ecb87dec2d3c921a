package io.eventline.server.faults;

import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.testing.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees of a failed start, from a JVM of its own: the process exits non-zero with one
 * error line naming the cause and the fix, no stack trace, and leaves no redis-server behind.
 */
@Timeout(120)
class StartFailureProcessTest {
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

    @Test
    void aBusyMetricsPortExitsWithOneLineAndStopsTheEmbeddedRedis(@TempDir Path data, @TempDir Path logs) throws Exception {
        Path log = logs.resolve("server.log");
        int redisPort = Ports.free();
        try (ServerSocket busy = Ports.busy()) {
            int status = ServerProcess.exitStatus(log, List.of("--redis.embedded.data-dir=" + data, "--redis.embedded.port=" + redisPort,
                    "--metrics.host=127.0.0.1", "--metrics.port=" + busy.getLocalPort()), EXIT_BOUND);
            assertEquals(1, status, Files.readString(log));
        }
        List<String> output = Files.readAllLines(log);
        List<String> errors = output.stream().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(1, errors.size(), String.join("\n", output));
        assertTrue(errors.get(0).contains("metrics.port"), errors.get(0));
        assertFalse(output.stream().anyMatch(line -> line.startsWith("\tat ")), "no stack trace: " + String.join("\n", output));
        assertTrue(output.stream().anyMatch(line -> line.contains("Stopped embedded Redis")), String.join("\n", output));
        assertTrue(Ports.isFree(redisPort), "the embedded Redis was stopped");
    }

    @Test
    void aSigtermDuringTheStartStopsTheEmbeddedRedis(@TempDir Path data, @TempDir Path logs) throws Exception {
        Path log = logs.resolve("server.log");
        int redisPort = Ports.free();
        Process server = ServerProcess.spawn(log, List.of("--redis.embedded.data-dir=" + data, "--redis.embedded.port=" + redisPort));
        try {
            long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
            // the moment the embedded Redis runs the start is between its steps, or just done: either way it must be undone
            while (!Files.readString(log).contains("Started embedded Redis")) {
                assertTrue(server.isAlive() && System.nanoTime() < deadline, "the server starts its Redis: " + Files.readString(log));
                Thread.sleep(20);
            }
            server.destroy();
            assertTrue(server.waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS), "the server exits on SIGTERM");
        }
        finally {
            server.destroyForcibly();
        }
        assertTrue(Files.readString(log).contains("Stopped embedded Redis"), Files.readString(log));
        assertTrue(Ports.isFree(redisPort), "the embedded Redis was stopped");
        assertFalse(Files.exists(data.resolve(EmbeddedRedis.PID_FILE)), "redis-server exited cleanly and removed its pidfile");
    }

    @Test
    void helpListsTheSettingsAndExitsZero(@TempDir Path logs) throws Exception {
        Path log = logs.resolve("help.log");
        assertEquals(0, ServerProcess.exitStatus(log, List.of("--help"), EXIT_BOUND));
        String help = Files.readString(log);
        assertTrue(help.contains("--redis.embedded.data-dir") && help.contains("EVENTLINE_REDIS_EMBEDDED_DATA_DIR") && help.contains("data/redis"), help);
        assertTrue(help.contains("--grpc.port") && help.contains("50051"), help);
    }
}
