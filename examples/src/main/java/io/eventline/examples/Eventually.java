package io.eventline.examples;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, bounded, for what consumers do on their own threads. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and the {@code state} seen last. */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DemoFailedException("not within " + timeout + ": " + what + "; last seen: " + state.get());
            }
            Thread.sleep(50);
        }
    }
}
