package io.eventline.server.store;

/** The stream has no events, or was deleted. */
public final class StreamNotFoundException extends StoreException {
    public StreamNotFoundException(String stream, String why) {
        super("stream '" + stream + "' " + why);
    }
}
