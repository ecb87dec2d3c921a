package io.eventline.loadtest.run;

import io.eventline.server.concurrent.AsyncFailures;

/** The outcome of a request whose future failed instead of answering with an outcome. */
final class Failures {
    private Failures() {
    }

    static Outcome outcome(Throwable error) {
        Throwable cause = AsyncFailures.cause(error);
        String message = cause.getMessage();
        return Outcome.failed("ERROR", cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
