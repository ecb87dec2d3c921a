package io.eventline.server.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs an asynchronous store operation so that errors thrown before it goes async (bad input) fail the future too. */
public final class Attempt {
    private Attempt() {
    }

    public static <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> operation) {
        try {
            return operation.get();
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
