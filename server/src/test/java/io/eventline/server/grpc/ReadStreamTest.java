package io.eventline.server.grpc;

import com.google.protobuf.Timestamp;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.ReadDirection;
import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.TestRedis;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.read;
import static io.eventline.server.testing.Fixtures.types;
import static io.eventline.server.testing.Fixtures.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadStreamTest extends HarnessTest {
    /** Positions "partition:millis-sequence" order by (millis, sequence, partition). */
    private static final java.util.Comparator<String> POSITION_ORDER = java.util.Comparator
            .<String>comparingLong(position -> Long.parseLong(position.substring(position.indexOf(':') + 1, position.indexOf('-'))))
            .thenComparingLong(position -> Long.parseLong(position.substring(position.indexOf('-') + 1)))
            .thenComparingInt(position -> Integer.parseInt(position.substring(0, position.indexOf(':'))));

    @Test
    void readsForwardFromAVersionWithAMaxCount() {
        appendNumbered("order-1", 10);

        assertEquals(range(1, 10), versions(readAll(read("order-1").build())));
        assertEquals(range(4, 10), versions(readAll(read("order-1").setFromVersion(4).build())));
        assertEquals(range(4, 6), versions(readAll(read("order-1").setFromVersion(4).setMaxCount(3).build())));
        assertEquals(List.of(), versions(readAll(read("order-1").setFromVersion(11).build())));
    }

    @Test
    void readsBackwardFromTheEndOrAVersion() {
        appendNumbered("order-2", 10);

        assertEquals(reversed(range(1, 10)), versions(readAll(read("order-2").setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build())));
        assertEquals(List.of(5L, 4L), versions(readAll(read("order-2").setDirection(ReadDirection.READ_DIRECTION_BACKWARD)
                .setFromVersion(5).setMaxCount(2).build())));
        assertEquals(List.of(10L), versions(readAll(read("order-2").setDirection(ReadDirection.READ_DIRECTION_BACKWARD)
                .setMaxCount(1).build())));
    }

    @Test
    void readsAStreamLongerThanAPageInBatches() {
        int count = EventlineHarness.PAGE_SIZE * 3 + 7;
        for (int start = 0; start < count; start += 50) {
            List<EventData> batch = IntStream.range(start, Math.min(count, start + 50)).mapToObj(i -> event("E" + i)).toList();
            eventline.events().appendEvents(append("long-1", any(), batch));
        }

        Iterator<ReadStreamResponse> responses = eventline.events().readStream(read("long-1").build());
        List<ReadStreamResponse> batches = new ArrayList<>();
        responses.forEachRemaining(batches::add);
        List<RecordedEvent> events = batches.stream().flatMap(batch -> batch.getEventsList().stream()).toList();
        assertEquals(range(1, count), versions(events));
        assertTrue(batches.size() > 1, "a long read arrives in several responses");
        assertEquals(reversed(range(1, count)),
                versions(readAll(read("long-1").setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build())));
    }

    @Test
    void filtersByEventType() {
        eventline.events().appendEvents(append("order-3", any(),
                event("OrderPlaced"), event("OrderPaid"), event("OrderShipped"), event("OrderPaid")));

        List<RecordedEvent> paid = readAll(read("order-3").addEventTypes("OrderPaid").build());
        assertEquals(List.of(2L, 4L), versions(paid));
        assertEquals(List.of(4L), versions(readAll(read("order-3").addEventTypes("OrderPaid")
                .setDirection(ReadDirection.READ_DIRECTION_BACKWARD).setMaxCount(1).build())));
        assertEquals(List.of(1L, 3L), versions(readAll(read("order-3").addEventTypes("OrderPlaced").addEventTypes("OrderShipped").build())));
    }

    @Test
    void timeTravelReturnsOnlyEventsRecordedUntilTheInstant() throws InterruptedException {
        AppendEventsResponse early = eventline.events().appendEvents(append("order-4", any(), event("OrderPlaced"), event("OrderPaid")));
        waitForNextMillisecond(early.getRecordedAt());
        eventline.events().appendEvents(append("order-4", any(), event("OrderShipped")));

        Timestamp until = early.getRecordedAt();
        assertEquals(List.of("OrderPlaced", "OrderPaid"), types(readAll(read("order-4").setUntil(until).build())));
        assertEquals(List.of("OrderPaid", "OrderPlaced"), types(readAll(read("order-4").setUntil(until)
                .setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build())));
        assertEquals(List.of("OrderPlaced", "OrderPaid"), types(readAll(read("$all").setUntil(until).build())));
    }

    @Test
    void missingStreamIsNotFound() {
        assertStatus(Status.Code.NOT_FOUND, () -> readAll(read("order-404").build()));
    }

    @Test
    void allReadsEveryStreamInGlobalOrder() {
        List<String> appended = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (String stream : List.of("order-a", "order-b", "invoice-c")) {
                AppendEventsResponse response = eventline.events().appendEvents(append(stream, any(), event(stream + "#" + round)));
                appended.add(response.getPositions(0));
            }
        }

        List<String> inPositionOrder = appended.stream().sorted(POSITION_ORDER).toList();
        if (eventline.partitions() == 1) {
            assertEquals(appended, inPositionOrder, "with one partition, position order is append order");
        }
        List<RecordedEvent> all = readAll(read("$all").build());
        assertEquals(inPositionOrder, all.stream().map(RecordedEvent::getPosition).toList());
        RecordedEvent first = all.stream().filter(event -> event.getType().equals("order-a#0")).findFirst().orElseThrow();
        assertEquals("order-a", first.getStream());
        assertEquals(1, first.getVersion());

        List<RecordedEvent> backward = readAll(read("$all").setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build());
        assertEquals(reversed(inPositionOrder), backward.stream().map(RecordedEvent::getPosition).toList());
    }

    @Test
    void allReadsFromAPositionInclusiveWithFilterAndCount() {
        java.util.Map<String, String> streamAt = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            String stream = "order-" + i;
            streamAt.put(eventline.events().appendEvents(append(stream, any(), event(i % 2 == 0 ? "Even" : "Odd"))).getPositions(0), stream);
        }
        List<String> positions = streamAt.keySet().stream().sorted(POSITION_ORDER).toList();

        List<RecordedEvent> fromFifth = readAll(read("$all").setFromPosition(positions.get(4)).build());
        assertEquals(positions.subList(4, 10), fromFifth.stream().map(RecordedEvent::getPosition).toList());

        List<RecordedEvent> odd = readAll(read("$all").addEventTypes("Odd").setMaxCount(3).build());
        List<String> firstOddStreams = positions.stream().map(streamAt::get)
                .filter(stream -> Integer.parseInt(stream.substring("order-".length())) % 2 == 1).limit(3).toList();
        assertEquals(firstOddStreams, odd.stream().map(RecordedEvent::getStream).toList());

        List<RecordedEvent> backwardFromFifth = readAll(read("$all").setFromPosition(positions.get(4))
                .setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build());
        assertEquals(reversed(positions.subList(0, 5)), backwardFromFifth.stream().map(RecordedEvent::getPosition).toList());
    }

    @Test
    void allReadsMergeSeveralPartitionsInPositionOrder(TestRedis redis) throws InterruptedException {
        try (EventlineHarness partitioned = EventlineHarness.start(redis, 4)) {
            List<String> appended = new ArrayList<>();
            for (int i = 0; i < EventlineHarness.PAGE_SIZE * 2; i++) {
                appended.add(partitioned.events().appendEvents(append("stream-" + (i % 13), any(), event("E" + i))).getPositions(0));
            }
            List<String> partitionsUsed = appended.stream().map(position -> position.substring(0, position.indexOf(':'))).distinct().toList();
            assertTrue(partitionsUsed.size() > 1, "the streams spread over several partitions");

            // Across partitions $all orders by (recording millisecond, sequence, partition): every event once,
            // each stream in version order; events of one millisecond in different partitions may swap.
            List<RecordedEvent> all = readAll(partitioned, read("$all").build());
            List<String> positions = all.stream().map(RecordedEvent::getPosition).toList();
            assertEquals(appended.stream().sorted(POSITION_ORDER).toList(), positions);
            assertEquals(new java.util.HashSet<>(appended), new java.util.HashSet<>(positions));
            for (int stream = 0; stream < 13; stream++) {
                String name = "stream-" + stream;
                List<Long> streamVersions = versions(all.stream().filter(event -> event.getStream().equals(name)).toList());
                assertEquals(range(1, streamVersions.size()), streamVersions);
            }
            List<RecordedEvent> backward = readAll(partitioned, read("$all").setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build());
            assertEquals(reversed(positions), backward.stream().map(RecordedEvent::getPosition).toList());
            List<String> sorted = appended.stream().sorted(POSITION_ORDER).toList();
            List<RecordedEvent> fromMiddle = readAll(partitioned, read("$all").setFromPosition(sorted.get(70)).build());
            assertEquals(sorted.subList(70, sorted.size()), fromMiddle.stream().map(RecordedEvent::getPosition).toList());
        }
    }

    private void appendNumbered(String stream, int count) {
        eventline.events().appendEvents(append(stream, any(), IntStream.rangeClosed(1, count).mapToObj(i -> event("E" + i)).toList()));
    }

    private List<RecordedEvent> readAll(io.eventline.proto.v1.ReadStreamRequest request) {
        return readAll(eventline, request);
    }

    private static List<RecordedEvent> readAll(EventlineHarness harness, io.eventline.proto.v1.ReadStreamRequest request) {
        return drain(harness.events().readStream(request));
    }

    private static void waitForNextMillisecond(Timestamp recorded) throws InterruptedException {
        long recordedMillis = recorded.getSeconds() * 1000 + recorded.getNanos() / 1_000_000;
        while (System.currentTimeMillis() <= recordedMillis + 1) {
            Thread.sleep(1);
        }
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
