package io.eventline.server.store;

/** Base of the errors a client can cause; the gRPC layer maps each subclass to a status. */
public abstract class StoreException extends RuntimeException {
    protected StoreException(String message) {
        super(message, null, false, false);
    }
}
