package io.eventline.server.store;

import static java.util.Objects.requireNonNull;

/** The stream was not at the version the request expected. */
public final class WrongExpectedVersionException extends StoreException {
    private final String stream;
    private final ExpectedVersion expected;
    private final long actual;

    public WrongExpectedVersionException(String stream, ExpectedVersion expected, long actual) {
        super("stream '" + stream + "' is at version " + actual + ", the request expected " + expected.describe()
                + "; read the stream and retry with its current version");
        this.stream = requireNonNull(stream, "stream is null");
        this.expected = requireNonNull(expected, "expected is null");
        this.actual = actual;
    }

    public String stream() {
        return stream;
    }

    public ExpectedVersion expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
