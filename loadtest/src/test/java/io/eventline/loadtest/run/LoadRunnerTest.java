package io.eventline.loadtest.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadRunnerTest {
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private LoadRunner runner(long total, Duration duration, int concurrency, int callLog) {
        return new LoadRunner(new RunLimits(total, duration, concurrency, LoadSchedule.constant(0)), Duration.ofMillis(100),
                Duration.ofSeconds(5), RecordingRules.everyResponse(callLog), ProgressListener.NONE, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    }

    @Test
    void sendsExactlyTheTotalAndCountsOutcomes() throws InterruptedException {
        RunResult result = runner(1000, Duration.ZERO, 4, 0).run("count", (number, slot) ->
                CompletableFuture.completedFuture(number % 10 == 0 ? Outcome.failed("ABORTED", "conflict") : Outcome.ok(3)));
        assertEquals(1000, result.count());
        assertEquals(900, result.successes());
        assertEquals(100, result.failures());
        assertEquals(900L, result.statusCounts().get("OK"));
        assertEquals(100L, result.statusCounts().get("ABORTED"));
        assertEquals(100L, result.errorCounts().get("conflict"));
        assertEquals(2700, result.items());
        assertTrue(result.calls().isEmpty());
    }

    @Test
    void neverLetsTwoRequestsShareAWorkerSlot() throws InterruptedException {
        int concurrency = 8;
        AtomicReferenceArray<Long> busy = new AtomicReferenceArray<>(concurrency);
        AtomicBoolean overlap = new AtomicBoolean();
        Set<Integer> slots = ConcurrentHashMap.newKeySet();
        ExecutorService completions = Executors.newFixedThreadPool(4);
        try {
            RunResult result = runner(2000, Duration.ZERO, concurrency, 0).run("slots", (number, slot) -> {
                slots.add(slot);
                if (!busy.compareAndSet(slot, null, number)) {
                    overlap.set(true);
                }
                return CompletableFuture.supplyAsync(() -> {
                    busy.set(slot, null);
                    return Outcome.ok(1);
                }, completions);
            });
            assertEquals(2000, result.count());
        }
        finally {
            completions.shutdownNow();
        }
        assertFalse(overlap.get());
        assertTrue(slots.stream().allMatch(slot -> slot >= 0 && slot < concurrency), slots.toString());
    }

    @Test
    void countsAnOperationThatThrowsOrFailsAsAnError() throws InterruptedException {
        RunResult result = runner(10, Duration.ZERO, 2, 0).run("failing", (number, slot) -> {
            if (number % 2 == 0) {
                throw new IllegalStateException("boom");
            }
            return CompletableFuture.failedFuture(new IllegalArgumentException("bad"));
        });
        assertEquals(10, result.count());
        assertEquals(10L, result.statusCounts().get("ERROR"));
        assertEquals(5L, result.errorCounts().get("IllegalStateException: boom"));
        assertEquals(5L, result.errorCounts().get("IllegalArgumentException: bad"));
    }

    @Test
    void keepsOneRecordPerRequestWhenAsked() throws InterruptedException {
        RunResult result = runner(50, Duration.ZERO, 1, 20).run("log", (number, slot) -> CompletableFuture.completedFuture(Outcome.ok(1)));
        assertEquals(20, result.calls().size());
        assertEquals(30, result.callsNotLogged());
        assertEquals("OK", result.calls().get(0).status());
    }

    @Test
    void endsAtItsDurationWithoutACount() throws InterruptedException {
        RunResult result = runner(0, Duration.ofMillis(300), 2, 0).run("timed", (number, slot) -> CompletableFuture.completedFuture(Outcome.ok(1)));
        assertTrue(result.count() > 0);
        assertEquals(result.count(), result.successes());
    }

    @Test
    void pacedRunsSendTheirCount() throws InterruptedException {
        LoadRunner paced = new LoadRunner(new RunLimits(20, Duration.ZERO, 2, LoadSchedule.constant(2000)), Duration.ofMillis(100),
                Duration.ofSeconds(5), RecordingRules.everyResponse(0), ProgressListener.NONE, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
        RunResult result = paced.run("paced", (number, slot) -> CompletableFuture.completedFuture(Outcome.ok(1)));
        assertEquals(20, result.count());
    }

    @Test
    void skipFirstLeavesTheFirstResponsesOutAndErrorsStayOutOfTheLatencyFiguresUnlessCounted() throws InterruptedException {
        Operation everyTenthFails = (number, slot) ->
                CompletableFuture.completedFuture(number % 10 == 0 ? Outcome.failed("Aborted", "conflict") : Outcome.ok(1));
        RunLimits limits = new RunLimits(100, Duration.ZERO, 1, LoadSchedule.constant(0));
        PrintStream out = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        RunResult skipping = new LoadRunner(limits, Duration.ofMillis(100), Duration.ofSeconds(5), new RecordingRules(0, 20, false),
                ProgressListener.NONE, out).run("skip", everyTenthFails);
        assertEquals(80, skipping.count());
        assertEquals(8L, skipping.statusCounts().get("Aborted"));
        assertEquals(72, skipping.histogram().getTotalCount(), "failed requests are not in the latency figures");

        RunResult counting = new LoadRunner(limits, Duration.ofMillis(100), Duration.ofSeconds(5), new RecordingRules(0, 0, true),
                ProgressListener.NONE, out).run("count-errors", everyTenthFails);
        assertEquals(100, counting.count());
        assertEquals(100, counting.histogram().getTotalCount());
    }

    /** Requests that end only when abandoned, as calls on connections that are closed. */
    private static final class Hanging implements Operation {
        private final Set<CompletableFuture<Outcome>> inFlight = ConcurrentHashMap.newKeySet();

        @Override
        public CompletableFuture<Outcome> start(long requestNumber, int slot) {
            CompletableFuture<Outcome> call = new CompletableFuture<>();
            inFlight.add(call);
            return call;
        }

        @Override
        public void abandonInFlight() {
            inFlight.forEach(call -> call.complete(Outcome.failed("Unavailable", "rpc error: code = Unavailable desc = closed")));
        }
    }

    @Test
    void atTheTimeLimitCloseEndsTheRequestsInFlightAndCountsThem() throws InterruptedException {
        RunResult closed = runner(0, Duration.ofMillis(200), 3, 0).run("close", new Hanging(), DurationStop.CLOSE);
        assertEquals(3, closed.count());
        assertEquals(3L, closed.statusCounts().get("Unavailable"));
        assertEquals(EndReason.TIMEOUT, closed.endReason());
    }

    @Test
    void atTheTimeLimitIgnoreLeavesTheRequestsInFlightOut() throws InterruptedException {
        RunResult ignored = runner(0, Duration.ofMillis(200), 3, 0).run("ignore", new Hanging(), DurationStop.IGNORE);
        assertEquals(0, ignored.count());
        LoadRunner paced = new LoadRunner(new RunLimits(0, Duration.ofMillis(200), 3, LoadSchedule.constant(100)), Duration.ofMillis(100),
                Duration.ofSeconds(5), RecordingRules.everyResponse(0), ProgressListener.NONE, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
        assertEquals(0, paced.run("ignore-paced", new Hanging(), DurationStop.IGNORE).count());
        RunResult pacedClosed = new LoadRunner(new RunLimits(0, Duration.ofMillis(200), 3, LoadSchedule.constant(100)), Duration.ofMillis(100),
                Duration.ofSeconds(5), RecordingRules.everyResponse(0), ProgressListener.NONE, new PrintStream(diagnostics, true, StandardCharsets.UTF_8))
                .run("close-paced", new Hanging(), DurationStop.CLOSE);
        assertEquals(3L, pacedClosed.statusCounts().get("Unavailable"));
    }

    @Test
    void asyncSendsWithoutWaitingForTheWorkers() throws InterruptedException {
        // every request ends only once all ten have been sent: with 2 workers waiting for their requests, this would never end
        int total = 10;
        Set<CompletableFuture<Outcome>> started = ConcurrentHashMap.newKeySet();
        Operation endsWhenAllAreSent = (number, slot) -> {
            CompletableFuture<Outcome> call = new CompletableFuture<>();
            started.add(call);
            if (started.size() == total) {
                started.forEach(each -> each.complete(Outcome.ok(1)));
            }
            return call;
        };
        RunLimits async = new RunLimits(total, Duration.ofSeconds(30), 2, LoadSchedule.constant(0), ConcurrencySchedule.constant(2), true);
        RunResult result = new LoadRunner(async, Duration.ofMillis(100), Duration.ofSeconds(5), RecordingRules.everyResponse(0),
                ProgressListener.NONE, new PrintStream(diagnostics, true, StandardCharsets.UTF_8)).run("async", endsWhenAllAreSent);
        assertEquals(total, result.count());
        assertEquals(total, result.successes());
    }
}
