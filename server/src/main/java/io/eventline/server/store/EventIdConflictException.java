package io.eventline.server.store;

/**
 * Some, but not all, of an append's event ids are already stored where a retry would have put
 * them: the request is neither new nor a clean retry, so nothing is written.
 */
public final class EventIdConflictException extends StoreException {
    private final String stream;

    public EventIdConflictException(String stream) {
        super("stream '" + stream + "' already holds some of these event ids but not this exact batch; "
                + "a retry must resend the same events with the same ids, new events need new ids");
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
