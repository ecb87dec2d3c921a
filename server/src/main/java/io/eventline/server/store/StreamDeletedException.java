package io.eventline.server.store;

/** The stream was hard-deleted (tombstoned): it can never be written again. */
public final class StreamDeletedException extends StoreException {
    private final String stream;

    public StreamDeletedException(String stream) {
        super("stream '" + stream + "' was hard-deleted and can never be written again");
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
