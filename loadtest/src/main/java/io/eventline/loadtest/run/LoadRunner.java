package io.eventline.loadtest.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * Sends requests through an {@link Operation} with at most {@code concurrency} in flight, until
 * the count or the time limit is reached, then waits for the ones in flight. Unpaced, it is a
 * closed loop (each worker slot sends its next request as soon as the last one ends, see
 * {@link ClosedLoop}); paced by a schedule, a dispatcher sends requests at their due times and
 * their latency counts from that time, waiting for a free slot included.
 */
public final class LoadRunner {
    private final RunLimits limits;
    private final Duration sampleInterval;
    private final Duration drainTimeout;
    private final RecordingRules rules;
    private final ProgressListener progress;
    private final PrintStream diagnostics;

    /** @param drainTimeout how long to wait at the end for requests still in flight */
    public LoadRunner(RunLimits limits, Duration sampleInterval, Duration drainTimeout, RecordingRules rules,
            ProgressListener progress, PrintStream diagnostics) {
        this.limits = requireNonNull(limits, "limits is null");
        this.sampleInterval = requireNonNull(sampleInterval, "sampleInterval is null");
        this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        if (sampleInterval.isZero() || sampleInterval.isNegative()) {
            throw new IllegalArgumentException("sampleInterval must be positive");
        }
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** Runs until the limits; requests in flight at the end are waited for. */
    public RunResult run(String name, Operation operation) throws InterruptedException {
        return run(name, operation, DurationStop.WAIT);
    }

    /** Runs until the limits; {@code stop} says what becomes of the requests in flight when the time limit is reached. */
    public RunResult run(String name, Operation operation, DurationStop stop) throws InterruptedException {
        requireNonNull(operation, "operation is null");
        requireNonNull(stop, "stop is null");
        int concurrency = limits.concurrency();
        Instant date = Instant.now();
        long start = System.nanoTime();
        long deadline = limits.duration().isZero() ? Long.MAX_VALUE : start + limits.duration().toNanos();
        LatencyRecorder recorder = new LatencyRecorder(start, rules);
        Pacer pacer = limits.schedule().paced() ? new Pacer(limits.schedule(), start) : null;
        Slots slots = limits.async() ? new UnboundedSlots(concurrency) : new WorkerSlots(limits.workers(), start);

        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "loadtest-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            recorder.sample(now);
            progress.progress(Duration.ofNanos(now - start), recorder.finishedCount(), recorder.failedCount());
        }, sampleInterval.toNanos(), sampleInterval.toNanos(), TimeUnit.NANOSECONDS);

        try {
            if (pacer == null && !limits.async()) {
                ClosedLoop loop = new ClosedLoop(operation, recorder, limits.total(), deadline, concurrency);
                loop.start();
                long stillBusy = loop.await(deadline == Long.MAX_VALUE
                        ? Duration.ofNanos(Long.MAX_VALUE)
                        : Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (stillBusy > 0 && stop != DurationStop.IGNORE) {
                    abandonIfClosing(operation, stop);
                    warnIfBusy(loop.await(drainTimeout));
                }
                return recorder.finish(name, date, System.nanoTime(), System.nanoTime() >= deadline ? EndReason.TIMEOUT : EndReason.NORMAL);
            }
            for (long requestNumber = 0; limits.total() == 0 || requestNumber < limits.total(); requestNumber++) {
                // async and unpaced: each request is due as soon as the last one is sent
                long intended = pacer == null ? System.nanoTime() : pacer.next();
                if (intended >= deadline) {
                    break;
                }
                sleepUntil(intended);
                Integer slot = slots.take(deadline);
                if (slot == null) {
                    // the time limit came while every slot was busy
                    break;
                }
                start(operation, requestNumber, slot, intended, recorder, slots);
            }
            boolean timeIsUp = System.nanoTime() >= deadline;
            EndReason reason = timeIsUp ? EndReason.TIMEOUT : EndReason.NORMAL;
            if (timeIsUp && stop == DurationStop.IGNORE) {
                return recorder.finish(name, date, System.nanoTime(), reason);
            }
            if (timeIsUp) {
                abandonIfClosing(operation, stop);
            }
            warnIfBusy(slots.drain(drainTimeout));
            return recorder.finish(name, date, System.nanoTime(), reason);
        }
        finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            progress.done();
        }
    }

    private static void start(Operation operation, long requestNumber, int slot, long intended,
            LatencyRecorder recorder, Slots slots) {
        CompletableFuture<Outcome> call;
        try {
            call = operation.start(requestNumber, slot, intended);
        }
        catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((outcome, error) -> {
            long end = System.nanoTime();
            recorder.record(intended, end, error == null ? outcome : Failures.outcome(error));
            slots.giveBack(slot);
        });
    }

    private static void abandonIfClosing(Operation operation, DurationStop stop) {
        if (stop == DurationStop.CLOSE) {
            operation.abandonInFlight();
        }
    }

    private void warnIfBusy(long stillInFlight) {
        if (stillInFlight > 0) {
            diagnostics.printf("warning: %d requests were still in flight %s after the end; they are not counted%n",
                    stillInFlight, drainTimeout);
        }
    }

    private static void sleepUntil(long intendedNanos) throws InterruptedException {
        long wait;
        while ((wait = intendedNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
