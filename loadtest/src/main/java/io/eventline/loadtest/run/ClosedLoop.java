package io.eventline.loadtest.run;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The unpaced closed loop: each worker slot sends its next request from the thread that completed
 * the previous one. There is no hand-off to a dispatcher thread per request, which on a small
 * machine would cost the client more CPU (two thread wake-ups per request) than the request itself.
 */
final class ClosedLoop {
    private final Operation operation;
    private final LatencyRecorder recorder;
    private final long total;
    private final long deadline;
    private final AtomicLong nextRequest = new AtomicLong();
    private final int concurrency;
    private final CountDownLatch slotsDone;

    /** @param total requests to send, 0 for no limit; @param deadline System.nanoTime() after which no request starts */
    ClosedLoop(Operation operation, LatencyRecorder recorder, long total, long deadline, int concurrency) {
        this.operation = requireNonNull(operation, "operation is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.total = total;
        this.deadline = deadline;
        this.concurrency = concurrency;
        this.slotsDone = new CountDownLatch(concurrency);
    }

    void start() {
        for (int slot = 0; slot < concurrency; slot++) {
            runSlot(slot);
        }
    }

    /** Waits for every slot to finish its last request; returns how many are still busy after {@code wait}. */
    long await(Duration wait) throws InterruptedException {
        slotsDone.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        return slotsDone.getCount();
    }

    private void runSlot(int slot) {
        while (true) {
            long intended = System.nanoTime();
            if (intended >= deadline || (total > 0 && nextRequest.get() >= total)) {
                slotsDone.countDown();
                return;
            }
            long requestNumber = nextRequest.getAndIncrement();
            if (total > 0 && requestNumber >= total) {
                slotsDone.countDown();
                return;
            }
            CompletableFuture<Outcome> call = start(requestNumber, slot, intended);
            if (call.isDone()) {
                // finished at once: loop instead of recursing, so the stack stays flat
                recorder.record(intended, System.nanoTime(), outcomeOf(call));
                continue;
            }
            call.whenComplete((outcome, error) -> {
                recorder.record(intended, System.nanoTime(), error == null ? outcome : Failures.outcome(error));
                runSlot(slot);
            });
            return;
        }
    }

    private CompletableFuture<Outcome> start(long requestNumber, int slot, long intended) {
        try {
            return operation.start(requestNumber, slot, intended);
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Outcome outcomeOf(CompletableFuture<Outcome> call) {
        try {
            return call.join();
        }
        catch (CompletionException | CancellationException e) {
            return Failures.outcome(e);
        }
    }
}
