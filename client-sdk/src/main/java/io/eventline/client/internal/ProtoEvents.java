package io.eventline.client.internal;

import io.eventline.client.RecordedEvent;
import io.eventline.client.append.AppendResult;
import io.eventline.proto.v1.AppendEventsResponse;

import java.util.UUID;

/** What the server says about events, as the API's records. */
final class ProtoEvents {
    private ProtoEvents() {
    }

    static RecordedEvent recordedEvent(io.eventline.proto.v1.RecordedEvent event) {
        return new RecordedEvent(event.getStream(), event.getVersion(), event.getPosition(), UUID.fromString(event.getEventId()), event.getType(),
                event.getData().toByteArray(), event.getContentType(), event.getMetadataMap(), ProtoTime.instant(event.getRecordedAt()));
    }

    static AppendResult appendResult(AppendEventsResponse response) {
        return new AppendResult(response.getFirstVersion(), response.getLastVersion(), response.getPositionsList(),
                ProtoTime.instant(response.getRecordedAt()), response.getDeduplicated());
    }
}
