package io.eventline.loadtest.cli;

import io.eventline.loadtest.scenario.ScenarioName;
import io.eventline.loadtest.scenario.ScenarioSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioCommandTest {
    private static ScenarioSettings parse(String... args) {
        CommandLine commandLine = new CommandLine(new LoadTestCommand());
        CommandLine.ParseResult result = commandLine.parseArgs(args);
        ScenarioCommand command = result.subcommand().commandSpec().commandLine().getCommand();
        return command.settings();
    }

    @Test
    void appendDefaults() {
        ScenarioSettings settings = parse("scenario", "append");
        assertEquals(ScenarioName.APPEND, settings.scenario());
        assertEquals(50051, settings.target().port());
        assertEquals("redis://127.0.0.1:6379", settings.redisUri());
        assertEquals(50, settings.concurrency());
        assertEquals(10_000, settings.keyspace());
        assertEquals(200, settings.payloadBytes());
        assertEquals(1_000_000, settings.total());
        assertEquals(Duration.ofSeconds(5), settings.duration());
        assertEquals(Duration.ofSeconds(2), settings.warmup());
        assertEquals(Duration.ofSeconds(5), settings.initialWarmup());
        assertEquals("el", settings.namespace());
        assertEquals(1, settings.partitions());
        assertEquals(16, settings.dedupWindow());
        assertFalse(settings.clientIds());
    }

    @Test
    void eachScenarioHasItsOwnShape() {
        assertEquals(16, parse("scenario", "contended").concurrency());
        assertEquals(4, parse("scenario", "contended").streams());
        assertEquals(1, parse("scenario", "read").concurrency());
        assertEquals(1000, parse("scenario", "read").streamLength());
        assertEquals(1000, parse("scenario", "read-all").maxCount());
        assertEquals(2000, parse("scenario", "memory").streams());
        assertEquals(10, parse("scenario", "memory").eventsPerStream());
        assertEquals(100, parse("scenario", "append-batch").eventsPerAppend());
        assertEquals(100_000, parse("scenario", "catch-up").subscriptionLoad().backlog());
        assertEquals(100, parse("scenario", "catch-up").subscriptionLoad().batchSize());
    }

    @Test
    void readsOptions() {
        ScenarioSettings settings = parse("scenario", "append-batch", "127.0.0.1:50071", "--redis-uri", "redis://localhost:6391",
                "-c", "8", "-e", "20", "-n", "1000", "-z", "3s", "--warmup", "0", "--client-ids", "--connections", "2");
        assertEquals(ScenarioName.APPEND_BATCH, settings.scenario());
        assertEquals(50071, settings.target().port());
        assertEquals("redis://localhost:6391", settings.redisUri());
        assertEquals(8, settings.concurrency());
        assertEquals(20, settings.eventsPerAppend());
        assertEquals(1000, settings.total());
        assertEquals(Duration.ofSeconds(3), settings.duration());
        assertEquals(Duration.ZERO, settings.warmup());
        assertTrue(settings.clientIds());
        assertEquals(2, settings.connections());
    }

    @Test
    void groupConsumersAskForTheBatchesTheJavaSdkAsksForUnlessTold() {
        assertEquals(100, parse("scenario", "groups").subscriptionLoad().batchSize(), "--max-in-flight 500, at most 100");
        assertEquals(50, parse("scenario", "groups", "--max-in-flight", "50").subscriptionLoad().batchSize());
        assertEquals(1, parse("scenario", "groups", "--batch-size", "1").subscriptionLoad().batchSize());
        assertEquals(1000, parse("scenario", "groups", "--batch-size", "1000").subscriptionLoad().batchSize());
        assertThrows(IllegalArgumentException.class, () -> parse("scenario", "groups", "--batch-size", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("scenario", "groups", "--batch-size", "1001"));
    }

    @Test
    void refusesUnboundedOrUnknownScenarios() {
        assertThrows(IllegalArgumentException.class, () -> parse("scenario", "subscribe"));
        assertThrows(IllegalArgumentException.class, () -> parse("scenario", "append", "-z", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("scenario", "append", "-n", "0"));
    }
}
