package io.eventline.client;

import io.grpc.Status;

/** What a call named does not exist: a stream without events (or deleted), a group, a snapshot. */
public class NotFoundException extends EventlineException {
    public NotFoundException(String message, Throwable cause) {
        super(Status.Code.NOT_FOUND, message, cause);
    }
}
