package io.eventline.server.grpc;

import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.testing.HarnessTest;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A hard delete leaves nothing of the stream but its tombstone: no event, no $all pointer (name, type), no other key. */
class HardDeleteTest extends HarnessTest {
    @Test
    void aHardDeletedStreamLeavesNoPointerInTheAllLog() throws Exception {
        // more events than one purge script handles, so the purge takes several rounds
        for (int batch = 0; batch < 3; batch++) {
            eventline.events().appendEvents(append("secret-1", any(), IntStream.range(0, 30).mapToObj(i -> event("SecretRevealed")).toList()));
        }
        eventline.events().appendEvents(append("order-2", any(), event("OrderPlaced")));

        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("secret-1").setHard(true).build());

        StoreKeys keys = new StoreKeys(eventline.namespace(), eventline.partitions());
        var redis = eventline.redis().commands();
        for (int partition = 0; partition < eventline.partitions(); partition++) {
            for (StreamMessage<byte[], byte[]> pointer : redis.xrange(keys.logKey(partition), Range.unbounded()).get(10, TimeUnit.SECONDS)) {
                for (byte[] value : pointer.getBody().values()) {
                    String text = new String(value, StandardCharsets.UTF_8);
                    assertFalse(text.contains("secret") || text.contains("SecretRevealed"), "the $all log still holds " + text);
                }
            }
        }
        List<String> secretKeys = new ArrayList<>();
        for (String key : keysOf(eventline.namespace())) {
            if (key.contains("secret-1")) {
                secretKeys.add(key);
            }
        }
        // only the tombstone stays, so the name is never used again
        assertEquals(List.of(eventline.namespace() + ":{" + keys.locate(io.eventline.server.store.StreamName.parse("secret-1", "stream")).partition()
                + "}:m:secret-1"), secretKeys);
        List<RecordedEvent> all = drain(eventline.events().readStream(read("$all").build()));
        assertEquals(List.of("order-2"), all.stream().map(RecordedEvent::getStream).toList());
    }

    private List<String> keysOf(String namespace) throws Exception {
        List<String> found = new ArrayList<>();
        var redis = eventline.redis().commands();
        KeyScanCursor<byte[]> cursor = redis.scan(ScanArgs.Builder.matches(namespace + ":*").limit(1000)).get(10, TimeUnit.SECONDS);
        while (true) {
            cursor.getKeys().forEach(key -> found.add(new String(key, StandardCharsets.UTF_8)));
            if (cursor.isFinished()) {
                return found;
            }
            cursor = redis.scan(cursor, ScanArgs.Builder.matches(namespace + ":*").limit(1000)).get(10, TimeUnit.SECONDS);
        }
    }
}
