package io.eventline.server.store;

/** No snapshot was saved for the stream. */
public final class SnapshotNotFoundException extends StoreException {
    public SnapshotNotFoundException(String stream) {
        super("stream '" + stream + "' has no snapshot");
    }
}
