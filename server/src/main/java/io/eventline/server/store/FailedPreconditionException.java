package io.eventline.server.store;

/** The request is well-formed but the stream's state does not allow it. */
public final class FailedPreconditionException extends StoreException {
    public FailedPreconditionException(String message) {
        super(message);
    }
}
