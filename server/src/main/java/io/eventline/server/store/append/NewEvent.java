package io.eventline.server.store.append;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** An event as a client sent it: not yet validated, its id possibly empty. */
public record NewEvent(String eventId, String type, byte[] data, String contentType, Map<String, String> metadata) {
    public NewEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(metadata, "metadata is null");
    }
}
