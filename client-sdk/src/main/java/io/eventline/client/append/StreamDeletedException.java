package io.eventline.client.append;

import io.eventline.client.EventlineException;
import io.grpc.Status;

/** The stream was tombstoned (hard-deleted): no append will ever succeed on it again. */
public final class StreamDeletedException extends EventlineException {
    public StreamDeletedException(String message, Throwable cause) {
        super(Status.Code.FAILED_PRECONDITION, message, cause);
    }
}
