package io.eventline.client.append;

import io.eventline.client.EventlineException;
import io.grpc.Status;

import static java.util.Objects.requireNonNull;

/**
 * The stream was not at the version the append (or delete) expected: someone else wrote first.
 * Nothing was written. Reload, decide again, and retry with the stream's current version.
 */
public final class WrongExpectedVersionException extends EventlineException {
    private final String stream;
    private final String expected;
    private final long actual;

    public WrongExpectedVersionException(String stream, String expected, long actual, String message, Throwable cause) {
        super(Status.Code.ABORTED, message, cause);
        this.stream = requireNonNull(stream, "stream is null");
        this.expected = requireNonNull(expected, "expected is null");
        this.actual = actual;
    }

    public String stream() {
        return stream;
    }

    /** What the request expected, as the server describes it: a version number, {@code any}, {@code no_stream} or {@code stream_exists}. */
    public String expected() {
        return expected;
    }

    /** The stream's version when the request arrived (0: no events). */
    public long actual() {
        return actual;
    }
}
