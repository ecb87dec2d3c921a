package io.eventline.server.store;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EventEntryCodecTest {
    private final EventEntryCodec codec = new EventEntryCodec();

    @Test
    void eventIdsAreSixteenBytes() {
        UUID id = UUID.fromString("3f2c8e4a-1b7d-4c55-9a0e-6d2f1c3b5a79");
        byte[] encoded = codec.encodeEventId(id);
        assertEquals(16, encoded.length);
        assertEquals(id, codec.decodeEventId(encoded));
    }

    @Test
    void metadataRoundTripsIncludingLongAndEmptyValues() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("correlation-id", "c-1");
        metadata.put("empty", "");
        metadata.put("long", "v".repeat(70_000));
        metadata.put("ünïcode", "✓");

        assertEquals(metadata, codec.decodeMetadata(codec.encodeMetadata(metadata)));
        assertArrayEquals(new byte[0], codec.encodeMetadata(Map.of()));
        assertEquals(Map.of(), codec.decodeMetadata(new byte[0]));
    }

    @Test
    void versionsAreTheSequenceOfTheEntryId() {
        assertEquals("0-42", codec.entryIdOf(42));
        assertEquals(42, codec.versionOf("0-42"));
        assertEquals(9_007_199_254_740_993L, codec.versionOf(codec.entryIdOf(9_007_199_254_740_993L)));
    }
}
