package io.eventline.server.grpc;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.errorInfo;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.exact;
import static io.eventline.server.testing.Fixtures.noStream;
import static io.eventline.server.testing.Fixtures.read;
import static io.eventline.server.testing.Fixtures.streamExists;
import static io.eventline.server.testing.Fixtures.types;
import static io.eventline.server.testing.Fixtures.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendEventsTest extends HarnessTest {
    @Test
    void noStreamCreatesTheStreamAtVersionOne() {
        AppendEventsResponse response = eventline.events().appendEvents(append("order-1", noStream(),
                event("OrderPlaced"), event("OrderPaid"), event("OrderShipped")));

        assertEquals(1, response.getFirstVersion());
        assertEquals(3, response.getLastVersion());
        assertEquals(3, response.getPositionsCount());
        assertTrue(response.getRecordedAt().getSeconds() > 0);
        assertFalse(response.getDeduplicated());
        List<RecordedEvent> stored = drain(eventline.events().readStream(read("order-1").build()));
        assertEquals(List.of(1L, 2L, 3L), versions(stored));
        assertEquals(List.of("OrderPlaced", "OrderPaid", "OrderShipped"), types(stored));
        assertEquals(response.getPositionsList(), stored.stream().map(RecordedEvent::getPosition).toList());
        assertEquals(List.of(response.getRecordedAt()), stored.stream().map(RecordedEvent::getRecordedAt).distinct().toList(),
                "the events of one append share one recorded time");
    }

    @Test
    void noStreamOnAnExistingStreamIsAbortedWithTheActualVersion() {
        eventline.events().appendEvents(append("order-2", noStream(), event("OrderPlaced")));

        StatusRuntimeException error = assertStatus(Status.Code.ABORTED,
                () -> eventline.events().appendEvents(append("order-2", noStream(), event("OrderPlaced"))));

        ErrorInfo info = errorInfo(error);
        assertEquals("WRONG_EXPECTED_VERSION", info.getReason());
        assertEquals("no_stream", info.getMetadataOrThrow("expected"));
        assertEquals("1", info.getMetadataOrThrow("actual"));
        assertEquals(1, streamVersion("order-2"));
    }

    @Test
    void exactVersionAppendsOnlyAtThatVersion() {
        eventline.events().appendEvents(append("order-3", exact(0), event("OrderPlaced"), event("OrderPaid")));
        AppendEventsResponse next = eventline.events().appendEvents(append("order-3", exact(2), event("OrderShipped")));
        assertEquals(3, next.getFirstVersion());

        StatusRuntimeException stale = assertStatus(Status.Code.ABORTED,
                () -> eventline.events().appendEvents(append("order-3", exact(2), event("OrderCancelled"))));
        assertEquals("2", errorInfo(stale).getMetadataOrThrow("expected"));
        assertEquals("3", errorInfo(stale).getMetadataOrThrow("actual"));

        StatusRuntimeException ahead = assertStatus(Status.Code.ABORTED,
                () -> eventline.events().appendEvents(append("order-3", exact(7), event("OrderCancelled"))));
        assertEquals("3", errorInfo(ahead).getMetadataOrThrow("actual"));
        assertEquals(3, streamVersion("order-3"));
    }

    @Test
    void exactZeroOnAMissingStreamCreatesIt() {
        assertEquals(1, eventline.events().appendEvents(append("order-4", exact(0), event("OrderPlaced"))).getLastVersion());
    }

    @Test
    void streamExistsNeedsEvents() {
        StatusRuntimeException error = assertStatus(Status.Code.ABORTED,
                () -> eventline.events().appendEvents(append("order-5", streamExists(), event("OrderPaid"))));
        assertEquals("stream_exists", errorInfo(error).getMetadataOrThrow("expected"));
        assertEquals("0", errorInfo(error).getMetadataOrThrow("actual"));

        eventline.events().appendEvents(append("order-5", any(), event("OrderPlaced")));
        assertEquals(2, eventline.events().appendEvents(append("order-5", streamExists(), event("OrderPaid"))).getLastVersion());
    }

    @Test
    void anyAppendsWhateverTheVersionAndUnsetMeansAny() {
        eventline.events().appendEvents(append("order-6", any(), event("OrderPlaced")));
        AppendEventsResponse unset = eventline.events().appendEvents(AppendEventsRequest.newBuilder()
                .setStream("order-6").addEvents(event("OrderPaid")).build());
        assertEquals(2, unset.getLastVersion());
    }

    @Test
    void retryWithTheSameIdsAndExactVersionReturnsTheOriginalResult() {
        eventline.events().appendEvents(append("order-7", noStream(), event("OrderPlaced")));
        AppendEventsRequest request = append("order-7", exact(1), event("OrderPaid"), event("OrderShipped"));
        AppendEventsResponse original = eventline.events().appendEvents(request);
        eventline.events().appendEvents(append("order-7", exact(3), event("OrderDelivered")));

        AppendEventsResponse retried = eventline.events().appendEvents(request);

        assertTrue(retried.getDeduplicated());
        assertEquals(original.getFirstVersion(), retried.getFirstVersion());
        assertEquals(original.getLastVersion(), retried.getLastVersion());
        assertEquals(original.getPositionsList(), retried.getPositionsList());
        assertEquals(4, streamVersion("order-7"));
    }

    @Test
    void retryWithTheSameIdsAndNoExpectedVersionIsFoundInTheDedupWindow() {
        AppendEventsRequest request = append("order-8", any(), event("OrderPlaced"), event("OrderPaid"));
        AppendEventsResponse original = eventline.events().appendEvents(request);
        eventline.events().appendEvents(append("order-8", any(), event("OrderShipped")));

        AppendEventsResponse retried = eventline.events().appendEvents(request);

        assertTrue(retried.getDeduplicated());
        assertEquals(original.getPositionsList(), retried.getPositionsList());
        assertEquals(3, streamVersion("order-8"));
    }

    @Test
    void retryOfAnAnyBatchLongerThanSixteenEventsIsDeduplicated() {
        List<EventData> batch = IntStream.range(0, 40).mapToObj(i -> event("ItemAdded")).toList();
        AppendEventsRequest request = append("order-30", any(), batch);
        AppendEventsResponse original = eventline.events().appendEvents(request);

        AppendEventsResponse retried = eventline.events().appendEvents(request);

        assertTrue(retried.getDeduplicated());
        assertEquals(1, retried.getFirstVersion());
        assertEquals(40, retried.getLastVersion());
        assertEquals(original.getPositionsList(), retried.getPositionsList());
        assertEquals(40, streamVersion("order-30"));
    }

    @Test
    void retryOfAnAnyAppendIsFoundAsLongAsItIsAmongTheStreamsLastDedupWindowAppends() {
        AppendEventsRequest oldest = append("order-31", any(), event("OrderPlaced"), event("OrderPaid"));
        AppendEventsResponse original = eventline.events().appendEvents(oldest);
        for (int i = 1; i < EventlineHarness.LIMITS.dedupWindow(); i++) {
            eventline.events().appendEvents(append("order-31", any(), event("OrderNoted")));
        }
        long version = streamVersion("order-31");

        AppendEventsResponse retried = eventline.events().appendEvents(oldest);

        assertTrue(retried.getDeduplicated());
        assertEquals(original.getPositionsList(), retried.getPositionsList());
        assertEquals(version, streamVersion("order-31"));
    }

    @Test
    void aStreamExistsRetryAfterASoftDeleteAndReappendIsNotMistakenForTheDeletedAppend() {
        AppendEventsRequest beforeDelete = append("order-32", streamExists(), event("OrderNoted"));
        eventline.events().appendEvents(append("order-32", noStream(), event("OrderPlaced")));
        eventline.events().appendEvents(beforeDelete);
        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("order-32").build());
        eventline.events().appendEvents(append("order-32", any(), event("OrderReopened")));

        AppendEventsResponse appendedAgain = eventline.events().appendEvents(beforeDelete);

        assertFalse(appendedAgain.getDeduplicated());
        assertEquals(4, appendedAgain.getLastVersion());
    }

    @Test
    void retryOfANoStreamAppendIsDeduplicated() {
        AppendEventsRequest request = append("order-9", noStream(), event("OrderPlaced"));
        eventline.events().appendEvents(request);

        assertTrue(eventline.events().appendEvents(request).getDeduplicated());
        assertEquals(1, streamVersion("order-9"));
    }

    @Test
    void idsThatDifferInOneBitAreNeverTakenForARetry() {
        // the retry records keep fingerprints of the ids: structured ids must not collide
        List<String> ids = List.of("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001",
                "00000000-0000-0001-0000-000000000000", "00000000-0000-0001-0000-000000000001",
                "80000000-0000-0000-0000-000000000000", "00000000-0000-0000-8000-000000000000");
        for (String id : ids) {
            AppendEventsResponse appended = eventline.events().appendEvents(
                    append("order-33", any(), event("OrderNoted").toBuilder().setEventId(id).build()));
            assertFalse(appended.getDeduplicated(), id);
        }
        assertEquals(ids.size(), streamVersion("order-33"));
    }

    @Test
    void anIdInTheMiddleOfAnEarlierBatchIsAConflict() {
        EventData middle = event("ItemAdded");
        eventline.events().appendEvents(append("order-34", any(), event("ItemAdded"), middle, event("ItemAdded")));

        StatusRuntimeException overlap = assertStatus(Status.Code.ALREADY_EXISTS,
                () -> eventline.events().appendEvents(append("order-34", any(), event("ItemRemoved"), middle)));
        assertEquals("EVENT_ID_CONFLICT", errorInfo(overlap).getReason());
        assertEquals(3, streamVersion("order-34"));
    }

    @Test
    void partialOverlapWithStoredIdsIsAConflictAndWritesNothing() {
        EventData placed = event("OrderPlaced");
        EventData paid = event("OrderPaid");
        eventline.events().appendEvents(append("order-10", noStream(), placed, paid));

        StatusRuntimeException exactOverlap = assertStatus(Status.Code.ALREADY_EXISTS,
                () -> eventline.events().appendEvents(append("order-10", exact(0), placed, event("OrderShipped"))));
        assertEquals("EVENT_ID_CONFLICT", errorInfo(exactOverlap).getReason());
        assertStatus(Status.Code.ALREADY_EXISTS,
                () -> eventline.events().appendEvents(append("order-10", any(), event("OrderShipped"), paid)));
        assertEquals(2, streamVersion("order-10"));
    }

    @Test
    void serverAssignsIdsWhenEmpty() {
        EventData withoutId = event("OrderPlaced").toBuilder().clearEventId().build();
        eventline.events().appendEvents(append("order-11", any(), withoutId, withoutId));

        List<RecordedEvent> stored = drain(eventline.events().readStream(read("order-11").build()));
        assertEquals(2, stored.size());
        assertEquals(36, stored.get(0).getEventId().length());
        assertFalse(stored.get(0).getEventId().equals(stored.get(1).getEventId()));
    }

    @Test
    void storesDataContentTypeAndMetadataAsSent() {
        EventData sent = event("OrderPlaced").toBuilder()
                .setData(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xFF}))
                .setContentType("application/octet-stream")
                .putAllMetadata(Map.of("correlation-id", "c-1", "schema_version", "2", "ünïcode", "✓"))
                .build();
        eventline.events().appendEvents(append("order-12", any(), sent));

        RecordedEvent stored = drain(eventline.events().readStream(read("order-12").build())).get(0);
        assertEquals(sent.getEventId(), stored.getEventId());
        assertEquals(sent.getData(), stored.getData());
        assertEquals(sent.getContentType(), stored.getContentType());
        assertEquals(sent.getMetadataMap(), stored.getMetadataMap());
        assertEquals("order-12", stored.getStream());
    }

    @Test
    void exactlyOneOfRacingExactAppendsWins() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Callable<Boolean> attempt = () -> {
                go.await();
                try {
                    eventline.events().appendEvents(append("race-1", exact(0), event("Won")));
                    return true;
                }
                catch (StatusRuntimeException e) {
                    assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
                    return false;
                }
            };
            outcomes.add(pool.submit(attempt));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
        assertEquals(1, streamVersion("race-1"));
    }

    @Test
    void concurrentOptimisticWritersKeepVersionsGapFree() throws Exception {
        int writers = 4;
        int appendsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int id = writer;
            conflicts.add(pool.submit(() -> {
                int retries = 0;
                for (int done = 0; done < appendsEach; ) {
                    long version = versionOrZero("race-2");
                    try {
                        eventline.events().appendEvents(append("race-2", exact(version), event("Writer" + id)));
                        done++;
                    }
                    catch (StatusRuntimeException e) {
                        assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
                        retries++;
                    }
                }
                return retries;
            }));
        }
        for (Future<Integer> writer : conflicts) {
            writer.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<RecordedEvent> stored = drain(eventline.events().readStream(read("race-2").build()));
        assertEquals(rangeOf(1, writers * appendsEach), versions(stored));
        for (int writer = 0; writer < writers; writer++) {
            String type = "Writer" + writer;
            assertEquals(appendsEach, stored.stream().filter(event -> event.getType().equals(type)).count());
        }
    }

    @Test
    void aBatchIsAppendedWholeAndContiguously() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> writers = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            String type = "Batch" + writer;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    List<EventData> batch = IntStream.range(0, 10).mapToObj(n -> event(type)).toList();
                    eventline.events().appendEvents(append("batch-1", any(), batch));
                }
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<RecordedEvent> stored = drain(eventline.events().readStream(read("batch-1").build()));
        assertEquals(400, stored.size());
        for (int start = 0; start < stored.size(); start += 10) {
            String type = stored.get(start).getType();
            for (int i = start; i < start + 10; i++) {
                assertEquals(type, stored.get(i).getType(), "batches must not interleave");
                assertEquals(i + 1, stored.get(i).getVersion());
            }
        }
    }

    private long streamVersion(String stream) {
        return eventline.streams().getStreamInfo(GetStreamInfoRequest.newBuilder().setStream(stream).build()).getVersion();
    }

    private long versionOrZero(String stream) {
        try {
            return streamVersion(stream);
        }
        catch (StatusRuntimeException e) {
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            return 0;
        }
    }

    private static List<Long> rangeOf(long first, long last) {
        return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
    }
}
