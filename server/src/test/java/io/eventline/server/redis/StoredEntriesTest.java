package io.eventline.server.redis;

import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Range reads through the entry decoder, against a real Redis, beside what Lettuce's own stream output reads. */
@ExtendWith(RedisExtension.class)
class StoredEntriesTest {
    @Test
    void rangesReadEveryFieldInOrderWithBinaryAndEmptyValuesAndTheIdParsed(TestRedis redis) {
        try (RedisConnection connection = redis.connect()) {
            byte[] key = bytes(redis.newNamespace() + ":entries");
            byte[] binary = {0, (byte) 0xFF, '\r', '\n', '-', 0x7F};
            for (int version = 1; version <= 5; version++) {
                Map<byte[], byte[]> body = new LinkedHashMap<>();
                body.put(bytes("i"), binary);
                body.put(bytes("t"), bytes("Type" + version));
                body.put(bytes("m"), new byte[0]);
                connection.commands().xadd(key, new XAddArgs().id("0-" + version), body).toCompletableFuture().join();
            }
            StoredEntries entries = new StoredEntries(connection.commands());

            List<StoredEntry> forward = entries.range(key, "0-2", "+", 10).join();
            List<StoredEntry> backward = entries.reverseRange(key, "+", "(0-3", 10).join();

            assertEquals(List.of(2L, 3L, 4L, 5L), forward.stream().map(StoredEntry::sequence).toList());
            assertEquals(List.of(5L, 4L), backward.stream().map(StoredEntry::sequence).toList());
            StoredEntry second = forward.get(0);
            assertEquals(0, second.millis());
            assertArrayEquals(binary, second.field(bytes("i")));
            assertArrayEquals(bytes("Type2"), second.field(bytes("t")));
            assertArrayEquals(new byte[0], second.field(bytes("m")));
            assertNull(second.field(bytes("p")));
            assertEquals(1, entries.entry(key, "0-4").join().size());
            assertTrue(entries.entry(key, "0-9").join().isEmpty());
            assertEquals(2, entries.range(key, "-", "+", 2).join().size(), "COUNT is sent");
        }
    }

    @Test
    void anEventDecodesTheSameFromEitherReader(TestRedis redis) {
        try (RedisConnection connection = redis.connect()) {
            EventEntryCodec codec = new EventEntryCodec();
            byte[] key = bytes(redis.newNamespace() + ":event");
            Map<byte[], byte[]> body = new LinkedHashMap<>();
            body.put(bytes("i"), codec.encodeEventId(UUID.randomUUID()));
            body.put(bytes("t"), bytes("OrderPlaced"));
            body.put(bytes("d"), bytes("{\"total\":5}"));
            body.put(bytes("c"), bytes("application/json"));
            body.put(bytes("m"), codec.encodeMetadata(Map.of("tenant", "acme")));
            body.put(bytes("p"), bytes("1733350000123-7"));
            connection.commands().xadd(key, new XAddArgs().id("0-3"), body).toCompletableFuture().join();
            StreamName stream = StreamName.parse("order-1", "stream");

            StreamMessage<byte[], byte[]> viaLettuce = connection.commands().xrange(key, Range.create("0-3", "0-3"), Limit.from(1))
                    .toCompletableFuture().join().get(0);
            RecordedEvent expected = codec.decode(stream, 2, viaLettuce);
            RecordedEvent event = codec.decode(stream, 2, new StoredEntries(connection.commands()).entry(key, "0-3").join().get(0));

            assertEquals(List.of(expected.stream(), expected.version(), expected.position(), expected.eventId(), expected.type(),
                    expected.contentType(), expected.metadata()),
                    List.of(event.stream(), event.version(), event.position(), event.eventId(), event.type(), event.contentType(), event.metadata()));
            assertArrayEquals(expected.data(), event.data());
            assertEquals(3, event.version());
            assertEquals(1733350000123L, event.position().millis());
            assertEquals(7, event.position().sequence());
            assertEquals(Map.of("tenant", "acme"), event.metadata());
        }
    }

    @Test
    void entryIdsParseFromBytesAndRefuseWhatIsNotOne() {
        assertEquals(new EntryId(1733350000123L, 7), EntryId.parse(bytes("1733350000123-7")));
        assertEquals(new EntryId(0, 42), EntryId.parse(bytes("0-42")));
        assertThrows(IllegalArgumentException.class, () -> EntryId.parse(bytes("12")));
        assertThrows(IllegalArgumentException.class, () -> EntryId.parse(bytes("1-2-3")));
        assertThrows(IllegalArgumentException.class, () -> EntryId.parse(bytes("1-x")));
        assertThrows(IllegalArgumentException.class, () -> EntryId.parse(bytes("99999999999999999999-1")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
