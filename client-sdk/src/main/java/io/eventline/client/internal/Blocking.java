package io.eventline.client.internal;

import io.eventline.client.EventlineException;
import io.grpc.Status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a call's future and rethrows its failure as the SDK exception it is, not wrapped. */
final class Blocking {
    private Blocking() {
    }

    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        }
        catch (ExecutionException e) {
            throw ErrorTranslator.translate(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new EventlineException(Status.Code.CANCELLED, "interrupted while waiting for Eventline", e);
        }
    }
}
