package io.eventline.client.serialization;

import io.eventline.client.RecordedEvent;
import io.eventline.client.append.EventData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed events to JSON and back, with schema versions and upcasting. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonEventCodecTest {
    /** Version 2: version 1 had one "name" field instead of first and last names. */
    record CustomerRegistered(String customerId, String firstName, String lastName) {
    }

    record CustomerMoved(String customerId, String city) {
    }

    private final EventTypeRegistry types = EventTypeRegistry.builder()
            .register("CustomerRegistered", CustomerRegistered.class, 2)
            .register("CustomerMoved", CustomerMoved.class)
            .build();
    private final Upcasters upcasters = Upcasters.builder()
            .register("CustomerRegistered", 1, event -> {
                String[] names = event.remove("name").asText().split(" ", 2);
                return event.put("firstName", names[0]).put("lastName", names.length > 1 ? names[1] : "");
            })
            .build();
    private final JsonEventCodec codec = new JsonEventCodec(JsonEventCodec.defaultMapper(), types, upcasters);

    @Test
    void encodesAnEventAsJsonWithItsTypeAndSchemaVersion() {
        EventData data = codec.encode(new CustomerMoved("c-1", "Lyon"), Map.of("correlation_id", "r-9"));

        assertEquals("CustomerMoved", data.type());
        assertEquals("application/json", data.contentType());
        assertEquals("{\"customerId\":\"c-1\",\"city\":\"Lyon\"}", new String(data.data(), StandardCharsets.UTF_8));
        assertEquals(Map.of("schema_version", "1", "correlation_id", "r-9"), data.metadata());
    }

    @Test
    void eachEncodingIsANewEventWithItsOwnId() {
        CustomerMoved moved = new CustomerMoved("c-1", "Lyon");

        assertNotEquals(codec.encode(moved).eventId(), codec.encode(moved).eventId());
    }

    @Test
    void decodesTheCurrentVersion() {
        EventData data = codec.encode(new CustomerRegistered("c-1", "Ada", "Lovelace"));

        assertEquals(new CustomerRegistered("c-1", "Ada", "Lovelace"), codec.decode(recorded(data.type(), data.data(), data.metadata())));
    }

    @Test
    void upcastsAnOlderVersionBeforeBindingIt() {
        RecordedEvent stored = recorded("CustomerRegistered", "{\"customerId\":\"c-2\",\"name\":\"Grace Hopper\"}", Map.of("schema_version", "1"));

        assertEquals(new CustomerRegistered("c-2", "Grace", "Hopper"), codec.decode(stored));
    }

    @Test
    void anEventWithoutASchemaVersionIsVersionOne() {
        RecordedEvent stored = recorded("CustomerRegistered", "{\"customerId\":\"c-3\",\"name\":\"Alan Turing\"}", Map.of());

        assertEquals(new CustomerRegistered("c-3", "Alan", "Turing"), codec.decode(stored));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        RecordedEvent stored = recorded("CustomerMoved", "{\"customerId\":\"c-1\",\"city\":\"Oslo\",\"movedBy\":\"app v9\"}", Map.of());

        assertEquals(new CustomerMoved("c-1", "Oslo"), codec.decode(stored));
    }

    @Test
    void anEventThatIsNotJsonIsUndecodableAndSaysWhichAndWhy() {
        UndecodableEventException undecodable = assertThrows(UndecodableEventException.class,
                () -> codec.decode(recorded("CustomerMoved", "moved to Oslo", Map.of())));

        assertEquals("customer-1", undecodable.stream());
        assertEquals(1, undecodable.version());
        assertEquals("CustomerMoved", undecodable.eventType());
        assertTrue(undecodable.getMessage().startsWith("cannot decode event customer-1@1 of type CustomerMoved (application/json): Unrecognized token"),
                undecodable.getMessage());
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(SerializationException.class, () -> codec.decode(recorded("CustomerDeleted", "{}", Map.of())));
        assertThrows(SerializationException.class,
                () -> codec.decode(recorded("CustomerRegistered", "{}", Map.of("schema_version", "3"))), "written by newer code");
        assertThrows(SerializationException.class, () -> codec.encode("not an event"));
        JsonEventCodec withoutUpcasters = new JsonEventCodec(JsonEventCodec.defaultMapper(), types, Upcasters.none());
        assertThrows(SerializationException.class,
                () -> withoutUpcasters.decode(recorded("CustomerRegistered", "{\"name\":\"A B\"}", Map.of("schema_version", "1"))));
    }

    @Test
    void aTypeCanBeRegisteredOnlyOnce() {
        assertThrows(IllegalArgumentException.class, () -> EventTypeRegistry.builder()
                .register("CustomerMoved", CustomerMoved.class)
                .register("CustomerMoved", CustomerRegistered.class));
    }

    private static RecordedEvent recorded(String type, String json, Map<String, String> metadata) {
        return recorded(type, json.getBytes(StandardCharsets.UTF_8), metadata);
    }

    private static RecordedEvent recorded(String type, byte[] data, Map<String, String> metadata) {
        return new RecordedEvent("customer-1", 1, "0:1-0", UUID.randomUUID(), type, data, "application/json", metadata, Instant.EPOCH);
    }
}
