package io.eventline.server.store;

/** The caller's stream scope does not reach what the request names; the message never names what lies outside it. */
public final class PermissionDeniedException extends StoreException {
    public PermissionDeniedException(String message) {
        super(message);
    }
}
