package io.eventline.client.append;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Event ids are chosen on the client, once, and carried on the wire. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventDataTest {
    @Test
    void eachEventGetsItsOwnIdWhenBuiltAndKeepsIt() {
        EventData first = EventData.json("OrderPlaced", "{}");
        EventData second = EventData.json("OrderPlaced", "{}");

        assertNotEquals(first.eventId(), second.eventId());
        assertEquals(first.eventId().toString(), first.toProto().getEventId());
        assertEquals(first.toProto().getEventId(), first.toProto().getEventId(), "the same id every time it is sent");
    }

    @Test
    void anIdCanBeChosen() {
        UUID id = UUID.fromString("6f1c1f0e-3a52-4d33-9b1e-54b3e1b2c001");

        assertEquals(id.toString(), EventData.builder("OrderPlaced").eventId(id).build().toProto().getEventId());
    }

    @Test
    void thePayloadCannotBeChangedFromOutside() {
        byte[] payload = "{\"total\":42}".getBytes(StandardCharsets.UTF_8);
        EventData event = EventData.builder("OrderPlaced").data(payload).contentType("application/json").metadata("schema_version", "2").build();
        payload[0] = 'X';
        event.data()[1] = 'Y';

        assertArrayEquals("{\"total\":42}".getBytes(StandardCharsets.UTF_8), event.data());
        assertEquals("application/json", event.toProto().getContentType());
        assertEquals("2", event.toProto().getMetadataOrThrow("schema_version"));
    }

    @Test
    void expectedVersionsMapToTheWire() {
        assertEquals(io.eventline.proto.v1.ExpectedVersion.KindCase.ANY, ExpectedVersion.any().toProto().getKindCase());
        assertEquals(io.eventline.proto.v1.ExpectedVersion.KindCase.NO_STREAM, ExpectedVersion.noStream().toProto().getKindCase());
        assertEquals(io.eventline.proto.v1.ExpectedVersion.KindCase.STREAM_EXISTS, ExpectedVersion.streamExists().toProto().getKindCase());
        assertEquals(7, ExpectedVersion.exact(7).toProto().getExact());
        assertThrows(IllegalArgumentException.class, () -> ExpectedVersion.exact(-1));
        assertThrows(IllegalArgumentException.class, () -> EventData.builder("").build());
    }
}
