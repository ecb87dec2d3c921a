package io.eventline.loadtest.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * ghz's {@code --async}: a worker sends its next request without waiting for the last one, so any
 * number of requests may be in flight; the workers take turns only so that each request has a
 * worker (its connection and {@code .WorkerID}).
 */
final class UnboundedSlots implements Slots {
    private final int workers;
    private long taken;
    private int inFlight;

    UnboundedSlots(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.workers = workers;
    }

    @Override
    public synchronized Integer take(long deadline) {
        inFlight++;
        return (int) (taken++ % workers);
    }

    @Override
    public synchronized void giveBack(int slot) {
        inFlight--;
        notifyAll();
    }

    @Override
    public synchronized int drain(Duration drainTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        long wait;
        while (inFlight > 0 && (wait = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
        return inFlight;
    }
}
