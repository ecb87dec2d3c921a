package io.eventline.examples;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, bounded, for what consumers do on their own threads. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and the {@code state} seen last. */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        await(what, timeout, condition, state, "nothing", new CompletableFuture<>());
    }

    /**
     * As {@link #await(String, Duration, BooleanSupplier, Supplier)}, for a condition that only a running consumer can
     * bring about: when {@code consumerTermination} completes first, fails at once with the reason {@code consumer} stopped
     * (a projection that met an event it cannot decode names the event and the decode error) instead of timing out.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state, String consumer,
            CompletableFuture<Void> consumerTermination) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (consumerTermination.isDone()) {
                Throwable reason = consumerTermination.handle((ignored, error) -> error).join();
                throw new DemoFailedException(what + " cannot come: " + consumer + " stopped" + (reason == null ? "" : ": " + reason.getMessage()));
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailedException("not within " + timeout + ": " + what + "; last seen: " + state.get());
            }
            Thread.sleep(50);
        }
    }
}
