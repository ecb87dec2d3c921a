package io.eventline.client.serialization;

import io.eventline.client.RecordedEvent;
import io.eventline.client.append.EventData;

import java.util.Map;

/** Turns typed events into {@link EventData} (bytes with a content type) and recorded events back into typed ones. */
public interface EventCodec {
    /** Encodes {@code event} as a new event (with a fresh event id) carrying {@code metadata} besides what the codec adds. */
    EventData encode(Object event, Map<String, String> metadata);

    default EventData encode(Object event) {
        return encode(event, Map.of());
    }

    /**
     * The typed event. An event that cannot be decoded throws {@link UndecodableEventException}, which the
     * subscriptions meet with their {@code UndecodableEventPolicy} (stop, skip or park).
     */
    Object decode(RecordedEvent event);

    /** Whether events of this stored type can be decoded. */
    boolean knows(String eventType);
}
