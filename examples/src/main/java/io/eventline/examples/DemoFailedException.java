package io.eventline.examples;

/** The demo did not see what it expected: the run is a failure. */
public final class DemoFailedException extends RuntimeException {
    public DemoFailedException(String message) {
        super(message);
    }
}
