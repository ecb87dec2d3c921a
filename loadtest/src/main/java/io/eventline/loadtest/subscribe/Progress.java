package io.eventline.loadtest.subscribe;

import java.util.function.LongSupplier;

/** Waits for a counter that others advance to reach a target, by polling: nothing here may wait unbounded. */
public final class Progress {
    private static final long POLL_MILLIS = 2;

    private Progress() {
    }

    /** True when {@code counter} reached {@code target} before {@code deadlineNanos} (a {@link System#nanoTime()}). */
    public static boolean await(LongSupplier counter, long target, long deadlineNanos) throws InterruptedException {
        while (counter.getAsLong() < target) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
