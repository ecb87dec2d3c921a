package io.eventline.client.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.EventData;

import java.io.IOException;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Typed events as JSON (Jackson). Each event carries its schema version in the
 * {@value #SCHEMA_VERSION} metadata entry; an event stored under an older version is upcast to the
 * current one before it is bound to its class, so old events stay readable as classes evolve.
 */
public final class JsonEventCodec implements EventCodec {
    public static final String CONTENT_TYPE = "application/json";
    /** The metadata entry holding the event's schema version; absent means 1. */
    public static final String SCHEMA_VERSION = "schema_version";

    private final ObjectMapper mapper;
    private final EventTypeRegistry types;
    private final Upcasters upcasters;

    public JsonEventCodec(ObjectMapper mapper, EventTypeRegistry types, Upcasters upcasters) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.types = requireNonNull(types, "types is null");
        this.upcasters = requireNonNull(upcasters, "upcasters is null");
    }

    /** A mapper that ignores unknown properties, so events written by newer code still read. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public EventData encode(Object event, Map<String, String> metadata) {
        EventType type = types.forClass(event.getClass())
                .orElseThrow(() -> new SerializationException(event.getClass().getName() + " is not a registered event type"));
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(event);
        }
        catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.name() + " as JSON", e);
        }
        return EventData.builder(type.name())
                .data(data)
                .contentType(CONTENT_TYPE)
                .metadata(metadata)
                .metadata(SCHEMA_VERSION, Integer.toString(type.schemaVersion()))
                .build();
    }

    /** Throws {@link UndecodableEventException} for an unregistered type, a body that is not JSON of its class, or a schema version it cannot upcast. */
    @Override
    public Object decode(RecordedEvent event) {
        try {
            return read(event);
        }
        catch (IOException e) {
            // Jackson's message goes on with the source location: its first line says what is wrong
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            throw new UndecodableEventException(event, message, e);
        }
        catch (SerializationException e) {
            throw new UndecodableEventException(event, e.getMessage(), e);
        }
    }

    private Object read(RecordedEvent event) throws IOException {
        EventType type = types.forName(event.type()).orElseThrow(() -> new SerializationException("the event type is not registered"));
        int stored = storedVersion(event);
        if (stored > type.schemaVersion()) {
            throw new SerializationException("schema version " + stored + " is newer than this application's " + type.schemaVersion());
        }
        if (stored == type.schemaVersion()) {
            return mapper.readValue(event.data(), type.javaClass());
        }
        JsonNode tree = mapper.readTree(event.data());
        if (!(tree instanceof ObjectNode object)) {
            throw new SerializationException("not a JSON object, so it cannot be upcast");
        }
        return mapper.treeToValue(upcasters.upcast(type.name(), stored, type.schemaVersion(), object), type.javaClass());
    }

    @Override
    public boolean knows(String eventType) {
        return types.forName(eventType).isPresent();
    }

    private static int storedVersion(RecordedEvent event) {
        String version = event.metadata().getOrDefault(SCHEMA_VERSION, "1");
        try {
            return Integer.parseInt(version);
        }
        catch (NumberFormatException e) {
            throw new SerializationException("schema version '" + version + "' is not a number", e);
        }
    }
}
