package io.eventline.loadtest.operation;

import com.google.protobuf.ByteString;
import io.eventline.loadtest.template.PayloadBytes;
import io.eventline.proto.v1.EventData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The benchmark's events: one type, a payload of a given size, an optional content type. Without
 * client ids the server assigns them, so the same immutable batch serves every request.
 */
public final class EventFactory {
    private final EventData event;
    private final byte[] payload;
    private final boolean clientIds;

    public EventFactory(String type, int payloadBytes, String contentType, boolean clientIds) {
        requireNonNull(type, "type is null");
        requireNonNull(contentType, "contentType is null");
        this.payload = PayloadBytes.text(payloadBytes);
        this.event = EventData.newBuilder()
                .setType(type)
                .setData(ByteString.copyFrom(payload))
                .setContentType(contentType)
                .build();
        this.clientIds = clientIds;
    }

    public List<EventData> events(int count) {
        if (!clientIds) {
            return Collections.nCopies(count, event);
        }
        List<EventData> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event.toBuilder().setEventId(UUID.randomUUID().toString()).build());
        }
        return events;
    }

    public String type() {
        return event.getType();
    }

    public String contentType() {
        return event.getContentType();
    }

    public byte[] payload() {
        return payload.clone();
    }

    public boolean clientIds() {
        return clientIds;
    }
}
