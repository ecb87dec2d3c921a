package io.eventline.loadtest.run;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The outcome of a request whose future failed instead of answering with an outcome. */
final class Failures {
    private Failures() {
    }

    static Outcome outcome(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return Outcome.failed("ERROR", cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
