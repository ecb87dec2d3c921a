package io.eventline.client.append;

import io.eventline.client.EventlineException;
import io.grpc.Status;

/**
 * Some, but not all, of an append's event ids are already stored where a retry would land: the
 * request is neither new nor a retry of an earlier one. Nothing was written.
 */
public final class EventIdConflictException extends EventlineException {
    public EventIdConflictException(String message, Throwable cause) {
        super(Status.Code.ALREADY_EXISTS, message, cause);
    }
}
