package io.eventline.loadtest.scenario;

import io.eventline.loadtest.cli.LoadTestCommand;
import io.eventline.loadtest.cli.ScenarioCommand;
import io.eventline.loadtest.run.ProgressListener;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario, run small against a real server (as Main starts it) and its real Redis: each
 * finishes by itself, measures without failed requests, and prints its figures beside its baseline.
 * Nothing here looks at how fast anything was.
 */
@ExtendWith(RedisExtension.class)
@Timeout(300)
class ScenarioAgainstServerTest {
    private static final Pattern PHASE_ROW = Pattern.compile("^(.{40}) +(\\d+) +(\\d+) ", Pattern.MULTILINE);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static RunningServer server;
    private static TestRedis redis;

    @BeforeAll
    static void startServer(TestRedis testRedis) {
        redis = testRedis;
        server = RunningServer.start(testRedis);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    /**
     * Runs a scenario with small counts and no warm-up; returns what it printed. The time bound is
     * generous, so that on a busy machine the counts, not the clock, end each phase.
     */
    private static String run(String scenario, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("scenario", scenario, "127.0.0.1:" + server.port(), "--insecure",
                "--redis-uri", redis.uri(), "--namespace", server.namespace(), "--partitions", Integer.toString(redis.partitions()),
                "-n", "200", "-z", "60s", "--warmup", "0", "--initial-warmup", "0",
                "--metrics-url", "http://127.0.0.1:" + server.metricsPort() + "/metrics"));
        args.addAll(List.of(options));
        CommandLine.ParseResult parsed = new CommandLine(new LoadTestCommand()).setOverwrittenOptionsAllowed(true)
                .parseArgs(args.toArray(String[]::new));
        ScenarioCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        new ScenarioRun(command.settings(), new BenchNames("t" + RUNS.incrementAndGet()), ProgressListener.NONE, print, print).run();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Each measured phase as printed: name, requests, failed. */
    private static List<String[]> phases(String output) {
        List<String[]> rows = new ArrayList<>();
        Matcher matcher = PHASE_ROW.matcher(output);
        while (matcher.find()) {
            rows.add(new String[] {matcher.group(1).trim(), matcher.group(2), matcher.group(3)});
        }
        return rows;
    }

    private static void assertPhases(String output, String... names) {
        List<String[]> rows = phases(output);
        assertEquals(names.length, rows.size(), output);
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], rows.get(i)[0], output);
            assertTrue(Long.parseLong(rows.get(i)[1]) > 0, "no request in " + names[i] + ":\n" + output);
            assertEquals("0", rows.get(i)[2], "failed requests in " + names[i] + ":\n" + output);
        }
    }

    @Test
    void appendMeasuresEventlineAndEveryBaseline() throws Exception {
        String output = run("append", "-c", "4", "--keyspace", "50");
        assertPhases(output, "eventline AppendEvents", "baseline-xadd (1 conn, pipelined)", "baseline-script (1 conn, pipelined)",
                "baseline-script (conn per worker)", "baseline-watch-multi (conn per worker)");
        assertTrue(output.contains("append: appends/s, Eventline over each baseline"), output);
        // every phase says what it cost the server side, the server's JVM measured through its /metrics
        Matcher cpu = Pattern.compile("server-side CPU per request: ([0-9.]+) us \\(server JVM ([0-9.]+) us \\+ Redis ([0-9.]+) us\\)").matcher(output);
        int phases = 0;
        while (cpu.find()) {
            phases++;
            assertTrue(Double.parseDouble(cpu.group(3)) > 0, "Redis used no CPU?\n" + output);
        }
        assertEquals(phases(output).size(), phases, output);
    }

    @Test
    void appendBatchCountsEvents() throws Exception {
        String output = run("append-batch", "-c", "2", "-e", "10", "-n", "50");
        assertPhases(output, "eventline AppendEvents x10", "baseline-xadd x10 (pipelined)", "baseline-script x10 (pipelined)");
        assertTrue(phases(output).stream().allMatch(row -> row[1].equals("50")), output);
    }

    /**
     * Four writers on one stream: a writer can lose its race 100 times in a row (the winner knows the
     * new version at once and goes again), so an append may be given up; that is a counted outcome
     * of the scenario, not a failure of the tool. Every append must be accounted for, and each
     * conflict either retried or given up.
     */
    @Test
    void contendedCountsConflictsAndRetries() throws Exception {
        String output = run("contended", "-c", "4", "--streams", "1");
        List<String[]> rows = phases(output);
        assertEquals(List.of("eventline exact-version appends", "baseline-watch-multi (conn per worker)"),
                rows.stream().map(row -> row[0]).toList(), output);
        for (String phase : List.of("eventline exact-version appends", "baseline-watch-multi (conn per worker)")) {
            Matcher counts = Pattern.compile(Pattern.quote(phase) + ": (\\d+) successes, (\\d+) conflicts, (\\d+) retries, (\\d+) given up")
                    .matcher(output);
            assertTrue(counts.find(), phase + ":\n" + output);
            long successes = Long.parseLong(counts.group(1));
            long conflicts = Long.parseLong(counts.group(2));
            long retries = Long.parseLong(counts.group(3));
            long givenUp = Long.parseLong(counts.group(4));
            assertEquals(200, successes + givenUp, output);
            assertTrue(conflicts > 0, "four writers on one stream never conflicted:\n" + output);
            assertEquals(conflicts, retries + givenUp, output);
        }
    }

    @Test
    void readReadsTheWholeStream() throws Exception {
        String output = run("read", "--stream-length", "300", "-n", "20");
        assertPhases(output, "eventline ReadStream 300", "baseline-xrange 300");
    }

    @Test
    void readAllReadsAPageOfTheGlobalLog() throws Exception {
        String output = run("read-all", "--max-count", "100", "-n", "20");
        assertPhases(output, "eventline ReadStream $all 100", "baseline log XRANGE + point reads 100");
    }

    @Test
    void memoryMeasuresBytesPerEvent() throws Exception {
        String output = run("memory", "--streams", "20", "--events-per-stream", "5", "-c", "4");
        assertPhases(output, "eventline appends", "baseline plain XADD");
        assertTrue(phases(output).stream().allMatch(row -> row[1].equals("100")), output);
        assertTrue(output.contains("B/event"), output);
    }

    @Test
    void groupsDrainTheBacklogThenConsumeLive() throws Exception {
        String output = run("groups", "--groups", "2", "--consumers", "2", "--backlog", "300", "--max-in-flight", "50", "--ack-batch", "10");
        assertTrue(output.contains("eventline backlog: 600 of 600 deliveries acked"), output);
        assertTrue(output.contains("raw XREADGROUP+XACK backlog: 600 of 600 deliveries acked"), output);
        assertTrue(output.contains("all acked"), output);
        assertTrue(output.contains("max_batch_size 50"), "by default the SDK's batch size, --max-in-flight at most 100:\n" + output);
        assertPhases(output, "eventline live appends (1 stream)");
    }

    @Test
    void groupsWithSingleDeliveriesDrainTheBacklogToo() throws Exception {
        String output = run("groups", "--consumers", "2", "--backlog", "300", "--max-in-flight", "50", "--batch-size", "1", "--ack-batch", "10");
        assertTrue(output.contains("max_batch_size 1,"), output);
        assertTrue(output.contains("eventline backlog: 300 of 300 deliveries acked"), output);
    }

    @Test
    void latencyRecordsEveryDeliveredEvent() throws Exception {
        String output = run("latency", "-r", "200", "-c", "4");
        assertPhases(output, "eventline appends (paced)", "eventline append -> delivery", "raw XADD (paced)", "raw XADD -> XREADGROUP BLOCK");
        List<String[]> rows = phases(output);
        assertEquals(rows.get(0)[1], rows.get(1)[1], "every measured append is delivered once:\n" + output);
        assertEquals(rows.get(2)[1], rows.get(3)[1], "every measured XADD is read once:\n" + output);
    }

    @Test
    void idleSubscriptionsAddNoRedisConnectionPerSubscription() throws Exception {
        String output = run("idle-subscriptions", "--subscriptions", "300", "--streams", "10",
                "--server-pid", Long.toString(ProcessHandle.current().pid()));
        assertTrue(output.contains("300 of 300 got the live event"), output);
        Matcher clients = Pattern.compile("connected_clients: \\d+ before, \\d+ with the subscriptions open: ([+-]\\d+)").matcher(output);
        assertTrue(clients.find(), output);
        assertTrue(Integer.parseInt(clients.group(1)) <= 10, "Redis connections grew with the subscriptions:\n" + output);
        assertTrue(output.contains("B per subscription"), output);
        assertTrue(benchGroups().isEmpty(), "the groups the scenario created are deleted: " + benchGroups());
    }

    @Test
    void catchUpDeliversTheWholeBacklogToEachSubscription() throws Exception {
        String output = run("catch-up", "--backlog", "2000", "--consumers", "2", "--batch-size", "50");
        assertTrue(output.contains("max_batch_size 50;"), output);
        assertTrue(output.contains("eventline catch-up, 1 subscriber: 2000 of 2000 events in"), output);
        assertTrue(output.contains("eventline catch-up, 2 subscribers: 4000 of 4000 events in"), output);
        assertTrue(output.contains("eventline $all catch-up, 1 category: 2000 of 2000 events in"), output);
        assertTrue(output.contains("raw XRANGE pages of 256, 1 reader: 2000 of 2000 events in"), output);
        assertTrue(output.contains("raw XRANGE pages of 256, 2 readers: 4000 of 4000 events in"), output);
        // each of the five phases says what it cost the server side, per event
        Matcher cpu = Pattern.compile("server-side CPU per event: [0-9.]+ us \\(server JVM [0-9.]+ us \\+ Redis [0-9.]+ us\\)").matcher(output);
        assertEquals(5, cpu.results().count(), output);
        for (String figure : List.of("eventline catch-up, 1 subscriber", "eventline catch-up, 2 subscribers", "eventline $all catch-up, 1 category")) {
            Matcher comparison = Pattern.compile("^" + Pattern.quote(figure) + " +[0-9.]+ +raw XRANGE pages of 256, \\d readers? +[0-9.]+ +([0-9.]+)  events/s$",
                    Pattern.MULTILINE).matcher(output);
            assertTrue(comparison.find(), figure + ":\n" + output);
            assertTrue(Double.parseDouble(comparison.group(1)) > 0, figure + ":\n" + output);
        }
    }

    @Test
    void groupsAndLatencyDeleteTheirGroups() throws Exception {
        run("groups", "--backlog", "20", "-n", "20");
        run("latency", "-r", "200", "-n", "20");
        assertTrue(benchGroups().isEmpty(), "the groups the scenarios created are deleted: " + benchGroups());
    }

    /** Groups left in the server's store by the scenarios (their names start with "bench"). */
    private static List<String> benchGroups() {
        return ConsumerGroupServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList().stream()
                .map(GroupInfo::getGroup).filter(group -> group.startsWith("bench")).toList();
    }
}
