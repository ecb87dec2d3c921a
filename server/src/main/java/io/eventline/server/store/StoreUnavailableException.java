package io.eventline.server.store;

/** The store cannot serve this now (e.g. the server is shutting down); the client should retry, elsewhere if it can. */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message) {
        super(message);
    }
}
