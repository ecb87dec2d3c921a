package io.eventline.server.grpc;

import com.google.protobuf.ByteString;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.badField;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input is INVALID_ARGUMENT naming the field, and nothing reaches Redis. */
class AppendValidationTest extends HarnessTest {
    @Test
    void emptyStreamName() {
        assertRefused("stream", append("", any(), event("A")));
    }

    @Test
    void streamNameOver256Bytes() {
        assertRefused("stream", append("x".repeat(257), any(), event("A")));
        // 86 three-byte characters are 258 bytes though only 86 characters
        assertRefused("stream", append("€".repeat(86), any(), event("A")));
    }

    @Test
    void streamNameAtTheLimitIsAccepted() {
        assertEquals(1, eventline.events().appendEvents(append("x".repeat(256), any(), event("A"))).getLastVersion());
    }

    @Test
    void streamNameWithControlCharacterOrBraces() {
        assertRefused("stream", append("order\n1", any(), event("A")));
        assertRefused("stream", append("order{1}", any(), event("A")));
    }

    @Test
    void systemStreamNames() {
        assertRefused("stream", append("$all", any(), event("A")));
        assertRefused("stream", append("$settings", any(), event("A")));
    }

    @Test
    void noEvents() {
        assertRefused("events", AppendEventsRequest.newBuilder().setStream("order-1").setExpectedVersion(any()).build());
    }

    @Test
    void missingType() {
        assertRefused("events[1].type", append("order-1", any(), event("A"), event("A").toBuilder().clearType().build()));
    }

    @Test
    void malformedEventId() {
        assertRefused("events[0].event_id", append("order-1", any(), event("A").toBuilder().setEventId("not-a-uuid").build()));
        assertRefused("events[0].event_id", append("order-1", any(), event("A").toBuilder().setEventId("1-1-1-1-1").build()));
    }

    @Test
    void duplicateEventIdsInOneAppend() {
        EventData once = event("A");
        assertRefused("events[1].event_id", append("order-1", any(), once, once));
    }

    @Test
    void eventOverTheSizeLimit() {
        EventData big = event("A").toBuilder().setData(ByteString.copyFrom(new byte[EventlineHarness.LIMITS.maxEventBytes()])).build();
        assertRefused("events[2]", append("order-1", any(), event("A"), event("B"), big));
    }

    @Test
    void tooManyEvents() {
        List<EventData> events = IntStream.range(0, EventlineHarness.LIMITS.maxAppendEvents() + 1).mapToObj(i -> event("A")).toList();
        assertRefused("events", append("order-1", any(), events));
    }

    @Test
    void batchOverTheByteLimit() {
        int each = EventlineHarness.LIMITS.maxEventBytes() - 100;
        int count = EventlineHarness.LIMITS.maxAppendBytes() / each + 1;
        List<EventData> events = IntStream.range(0, count)
                .mapToObj(i -> event("A").toBuilder().setData(ByteString.copyFrom(new byte[each])).build())
                .toList();
        assertRefused("events", append("order-1", any(), events));
    }

    @Test
    void readWithBadArguments() {
        assertReadRefused("stream", read("").build());
        assertReadRefused("from_position", read("order-1").setFromPosition("0:1-0").build());
        assertReadRefused("from_position", read("$all").setFromPosition("garbage").build());
        assertReadRefused("from_version", read("$all").setFromVersion(3).build());
    }

    private void assertRefused(String field, AppendEventsRequest request) {
        StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT, () -> eventline.events().appendEvents(request));
        assertEquals(field, badField(error));
        assertTrue(error.getStatus().getDescription().startsWith(field + ": "), error.getStatus().getDescription());
        assertNothingWritten();
    }

    private void assertReadRefused(String field, ReadStreamRequest request) {
        StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT, () -> drain(eventline.events().readStream(request)));
        assertEquals(field, badField(error));
    }

    private void assertNothingWritten() {
        assertEquals(List.of(), drain(eventline.events().readStream(read("$all").build())));
        assertEquals(0, eventline.redis().commands().keys(eventline.namespace() + ":{*").toCompletableFuture().join().size());
    }
}
