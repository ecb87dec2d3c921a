package io.eventline.client.serialization;

import io.eventline.client.RecordedEvent;

import static java.util.Objects.requireNonNull;

/**
 * A recorded event its codec cannot decode (not JSON, an unregistered type, a schema version
 * without upcaster, ...). Names the event's stream, version, type and content type, and the decode
 * error, so that the subscription policy that meets it ({@code UndecodableEventPolicy}) can report
 * why it stopped, skipped or parked.
 */
public class UndecodableEventException extends SerializationException {
    private final String stream;
    private final long version;
    private final String eventType;

    public UndecodableEventException(RecordedEvent event, String reason, Throwable cause) {
        super("cannot decode event " + requireNonNull(event, "event is null").stream() + "@" + event.version() + " of type " + event.type()
                + " (" + event.contentType() + "): " + requireNonNull(reason, "reason is null"), cause);
        this.stream = event.stream();
        this.version = event.version();
        this.eventType = event.type();
    }

    public String stream() {
        return stream;
    }

    public long version() {
        return version;
    }

    public String eventType() {
        return eventType;
    }
}
