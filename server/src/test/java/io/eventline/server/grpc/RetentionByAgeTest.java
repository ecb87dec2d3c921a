package io.eventline.server.grpc;

import com.google.protobuf.Duration;
import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.SetStreamRetentionRequest;
import io.eventline.proto.v1.StreamRetention;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.HarnessTest;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An append to a stream with a retention max age drops every event too old, however many, finding them
 * from a small age index (one entry per append) instead of reading events.
 */
class RetentionByAgeTest extends HarnessTest {
    /** The shortest max age there is: whatever was recorded a few milliseconds ago is too old. */
    private static final Duration ONE_MILLISECOND = Duration.newBuilder().setNanos(1_000_000).build();

    @Test
    void anAppendDropsEveryEventTooOldAtOnce() throws InterruptedException {
        eventline.events().appendEvents(append("order-1", any(), IntStream.rangeClosed(1, 100).mapToObj(i -> event("Old")).toList()));
        eventline.events().appendEvents(append("order-1", any(), IntStream.rangeClosed(1, 100).mapToObj(i -> event("Old")).toList()));
        eventline.events().appendEvents(append("order-1", any(), IntStream.rangeClosed(1, 50).mapToObj(i -> event("Old")).toList()));
        setMaxAge("order-1", ONE_MILLISECOND);
        awaitRedisClockPassing();

        eventline.events().appendEvents(append("order-1", any(), event("New")));

        assertEquals(1, streamLength("order-1"));
        assertEquals(251, eventline.streams().getStreamInfo(GetStreamInfoRequest.newBuilder().setStream("order-1").build()).getFirstVersion());
    }

    @Test
    void theAgeIndexHoldsOneEntryPerAppendAndGoesWithTheMaxAgeOrTheStream() throws InterruptedException {
        eventline.events().appendEvents(append("order-2", any(), event("A"), event("B")));
        setMaxAge("order-2", Duration.newBuilder().setSeconds(3600).build());
        eventline.events().appendEvents(append("order-2", any(), event("C"), event("D")));
        eventline.events().appendEvents(append("order-2", any(), event("E")));
        assertEquals(3, ageIndexLength("order-2"));

        setMaxAge("order-2", Duration.getDefaultInstance());
        assertEquals(0, ageIndexLength("order-2"));

        setMaxAge("order-2", Duration.newBuilder().setSeconds(3600).build());
        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("order-2").build());
        assertEquals(0, ageIndexLength("order-2"));
        assertEquals(0, streamLength("order-2"));
    }

    private void setMaxAge(String stream, Duration maxAge) {
        eventline.streams().setStreamRetention(SetStreamRetentionRequest.newBuilder().setStream(stream)
                .setRetention(StreamRetention.newBuilder().setMaxAge(maxAge)).build());
    }

    /** Appends record Redis's clock (the log's entry IDs); waiting a little lets a millisecond pass on it. */
    private static void awaitRedisClockPassing() throws InterruptedException {
        Thread.sleep(20);
    }

    private long streamLength(String stream) {
        return eventline.redis().commands().xlen(location(stream).streamKey()).toCompletableFuture().join();
    }

    private long ageIndexLength(String stream) {
        return eventline.redis().commands().xlen(location(stream).ageKey()).toCompletableFuture().join();
    }

    private StreamLocation location(String stream) {
        return new StoreKeys(eventline.namespace(), eventline.partitions()).locate(StreamName.parse(stream, "stream"));
    }
}
