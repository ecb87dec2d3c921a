package io.eventline.loadtest.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinated-omission correction, as arithmetic: a paced request's due time comes from the
 * schedule alone, and its latency counts from that due time, however late it was actually sent.
 */
class CoordinatedOmissionTest {
    private static final long START = 1_000_000_000L;

    @Test
    void dueTimesFollowTheScheduleWhateverTheResponsesDo() {
        Pacer pacer = new Pacer(LoadSchedule.constant(1000), START);
        for (int request = 0; request < 5; request++) {
            assertEquals(START + request * 1_000_000L, pacer.next());
        }
    }

    @Test
    void aRampChangesTheIntervalAsItGoes() {
        // 1 request/s rising by 1 request/s every second: 1 s, then 1/2 s apart
        Pacer pacer = new Pacer(new LoadSchedule(LoadSchedule.Kind.STEP, 0, 1, 1, 0, Duration.ofSeconds(1), Duration.ZERO), START);
        assertEquals(START, pacer.next());
        assertEquals(START + 1_000_000_000L, pacer.next());
        assertEquals(START + 1_500_000_000L, pacer.next());
    }

    @Test
    void operationsAreToldTheScheduleTimeTheyWereDue() throws InterruptedException {
        List<Long> due = new CopyOnWriteArrayList<>();
        LoadRunner paced = new LoadRunner(new RunLimits(5, Duration.ZERO, 1, LoadSchedule.constant(1000)), Duration.ofMillis(100),
                Duration.ofSeconds(5), RecordingRules.everyResponse(0), ProgressListener.NONE, System.err);
        paced.run("due", new Operation() {
            @Override
            public CompletableFuture<Outcome> start(long requestNumber, int slot) {
                throw new AssertionError("a paced run passes the due time");
            }

            @Override
            public CompletableFuture<Outcome> start(long requestNumber, int slot, long dueNanos) {
                due.add(dueNanos);
                return CompletableFuture.completedFuture(Outcome.ok(1));
            }
        });
        assertEquals(5, due.size());
        for (int i = 1; i < due.size(); i++) {
            assertEquals(1_000_000L, due.get(i) - due.get(i - 1), "one request per millisecond, by the schedule: " + due);
        }
    }

    @Test
    void latencyCountsFromTheDueTime() {
        LatencyRecorder recorder = new LatencyRecorder(START, RecordingRules.everyResponse(0));
        // due at +0 ms, sent late because the server stalled, answered at +50 ms: 50 ms, not the 1 ms the call itself took
        recorder.record(START, START + 50_000_000L, Outcome.ok(1));
        recorder.record(START + 1_000_000L, START + 51_000_000L, Outcome.ok(1));
        RunResult result = recorder.finish("stalled", Instant.EPOCH, START + 60_000_000L, EndReason.NORMAL);
        assertEquals(2, result.count());
        assertEquals(50_000_000L, result.histogram().getMinValue(), 50_000_000L * 0.001);
        assertEquals(50_000_000L, result.histogram().getMaxValue(), 50_000_000L * 0.001);
    }

    /**
     * Through the runner: one worker, one request due each millisecond, the first holding the worker
     * {@code HOLD} past the second's due time. The second is sent at least that late, and its latency
     * must include the wait: timed from the actual send instead, it would be the microseconds the
     * call itself took, and this test fails.
     */
    @Test
    void theRunnerChargesALateSendFromItsDueTime() throws InterruptedException {
        long hold = 30_000_000L;
        Map<Long, Long> due = new ConcurrentHashMap<>();
        Map<Long, Long> sent = new ConcurrentHashMap<>();
        LoadRunner paced = new LoadRunner(new RunLimits(3, Duration.ZERO, 1, LoadSchedule.constant(1000)), Duration.ofMillis(100),
                Duration.ofSeconds(5), new RecordingRules(10, 0, true), ProgressListener.NONE, System.err);
        RunResult result = paced.run("late", new Operation() {
            @Override
            public CompletableFuture<Outcome> start(long requestNumber, int slot) {
                throw new AssertionError("a paced run passes the due time");
            }

            @Override
            public CompletableFuture<Outcome> start(long requestNumber, int slot, long dueNanos) {
                due.put(requestNumber, dueNanos);
                sent.put(requestNumber, System.nanoTime());
                if (requestNumber > 0) {
                    return CompletableFuture.completedFuture(Outcome.ok(1));
                }
                long releaseAt = dueNanos + 1_000_000L + hold;
                return CompletableFuture.supplyAsync(() -> {
                    while (System.nanoTime() < releaseAt) {
                        LockSupport.parkNanos(releaseAt - System.nanoTime());
                    }
                    return Outcome.ok(1);
                });
            }
        });
        assertEquals(3, result.count());
        long lateness = sent.get(1L) - due.get(1L);
        assertTrue(lateness >= hold, "the second request waited for the worker: " + lateness);
        List<CallRecord> byDueTime = result.calls().stream().sorted(Comparator.comparingLong(CallRecord::startOffsetNanos)).toList();
        CallRecord second = byDueTime.get(1);
        assertTrue(second.latencyNanos() >= lateness,
                "latency " + second.latencyNanos() + " ns must count from the due time, " + lateness + " ns before the send");
        assertTrue(result.slowestNanos() >= lateness);
    }
}
