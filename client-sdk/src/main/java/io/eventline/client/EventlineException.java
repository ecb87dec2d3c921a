package io.eventline.client;

import io.grpc.Status;

import static java.util.Objects.requireNonNull;

/** A call to Eventline failed; {@link #code()} says how (the gRPC status code the server or transport gave). */
public class EventlineException extends RuntimeException {
    private final Status.Code code;

    public EventlineException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public Status.Code code() {
        return code;
    }
}
