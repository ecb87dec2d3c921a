package io.eventline.server.concurrent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that looks through the wrappers a future puts around the failure that happened. */
public final class AsyncFailures {
    private AsyncFailures() {
    }

    /** The failure itself, without the {@link CompletionException} and {@link ExecutionException} layers around it. */
    public static Throwable cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
