package io.eventline.client.append;

import io.eventline.client.EventlineClient;
import io.eventline.client.NotFoundException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.event;
import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appends with optimistic concurrency and reads with the fluent options, against a real server and Redis. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AppendAndReadTest {
    private final EventlineClient client;

    AppendAndReadTest(EventlineClient client) {
        this.client = client;
    }

    @Test
    void appendsAndReadsBackWithClientChosenIds() {
        String stream = uniqueStream("order");
        List<EventData> proposed = events("OrderPlaced", 1, 3);

        AppendResult result = client.appendBlocking(stream, ExpectedVersion.noStream(), proposed);

        assertEquals(1, result.firstVersion());
        assertEquals(3, result.lastVersion());
        assertEquals(3, result.positions().size());
        assertFalse(result.deduplicated());
        try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.forwards())) {
            List<RecordedEvent> events = read.toList();
            assertEquals(proposed.stream().map(EventData::eventId).toList(), events.stream().map(RecordedEvent::eventId).toList());
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(RecordedEvent::version).toList());
            assertEquals(result.positions(), events.stream().map(RecordedEvent::position).toList());
            assertEquals("{\"n\":2}", events.get(1).dataAsText());
            assertEquals("application/json", events.get(1).contentType());
        }
    }

    @Test
    void aConflictSaysWhatWasExpectedAndWhatTheStreamIsAt() {
        String stream = uniqueStream("order");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("OrderPlaced", 1, 2));

        WrongExpectedVersionException conflict = assertThrows(WrongExpectedVersionException.class,
                () -> client.appendBlocking(stream, ExpectedVersion.exact(1), List.of(event("OrderPaid", 3))));

        assertEquals(stream, conflict.stream());
        assertEquals("1", conflict.expected());
        assertEquals(2, conflict.actual());
        WrongExpectedVersionException noStream = assertThrows(WrongExpectedVersionException.class,
                () -> client.appendBlocking(stream, ExpectedVersion.noStream(), List.of(event("OrderPaid", 3))));
        assertEquals("no_stream", noStream.expected());
        assertEquals(2, countEvents(stream), "a refused append writes nothing");
        assertEquals(3, client.appendBlocking(stream, ExpectedVersion.exact(2), List.of(event("OrderPaid", 3))).lastVersion());
    }

    @Test
    void theAsynchronousAppendCompletesWithTheResultOrTheTypedConflict() {
        String stream = uniqueStream("order");
        AppendResult first = client.append(stream, ExpectedVersion.any(), events("OrderPlaced", 1, 1)).join();
        assertEquals(1, first.lastVersion());

        CompletionException failed = assertThrows(CompletionException.class,
                () -> client.append(stream, ExpectedVersion.noStream(), events("OrderPlaced", 2, 1)).join());

        assertInstanceOf(WrongExpectedVersionException.class, failed.getCause());
        assertEquals(1, ((WrongExpectedVersionException) failed.getCause()).actual());
    }

    @Test
    void readsBackwardsFromAVersionWithAMaximumCount() {
        String stream = uniqueStream("order");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Step", 1, 10));

        try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.backwards().fromVersion(8).maxCount(3))) {
            assertEquals(List.of(8L, 7L, 6L), read.map(RecordedEvent::version).toList());
        }
    }

    @Test
    void readsOnlyTheRequestedEventTypesAndOnlyUpToAnInstant() throws InterruptedException {
        String stream = uniqueStream("order");
        AppendResult early = client.appendBlocking(stream, ExpectedVersion.noStream(), List.of(event("OrderPlaced", 1), event("OrderPaid", 2)));
        awaitClockPast(early.recordedAt());
        client.appendBlocking(stream, ExpectedVersion.exact(2), List.of(event("OrderShipped", 3), event("OrderPaid", 4)));

        try (Stream<RecordedEvent> paid = client.read(stream, ReadOptions.forwards().eventTypes("OrderPaid"))) {
            assertEquals(List.of(2L, 4L), paid.map(RecordedEvent::version).toList());
        }
        try (Stream<RecordedEvent> asOf = client.read(stream, ReadOptions.forwards().until(early.recordedAt()))) {
            assertEquals(List.of(1L, 2L), asOf.map(RecordedEvent::version).toList());
        }
    }

    @Test
    void readsAllStreamsInGlobalOrder() {
        String first = uniqueStream("cart");
        String second = uniqueStream("cart");
        AppendResult one = client.appendBlocking(first, ExpectedVersion.noStream(), List.of(event("CartOpened", 1)));
        client.appendBlocking(second, ExpectedVersion.noStream(), List.of(event("CartOpened", 2)));
        client.appendBlocking(first, ExpectedVersion.exact(1), List.of(event("CartClosed", 3)));

        try (Stream<RecordedEvent> all = client.readAll(ReadOptions.forwards().fromPosition(one.positions().get(0)))) {
            List<String> order = all.filter(event -> event.stream().equals(first) || event.stream().equals(second))
                    .map(event -> event.stream() + "@" + event.version())
                    .toList();
            assertEquals(List.of(first + "@1", second + "@1", first + "@2"), order);
        }
    }

    @Test
    void readingAStreamWithoutEventsSaysNotFound() {
        try (Stream<RecordedEvent> read = client.read(uniqueStream("order"), ReadOptions.forwards())) {
            NotFoundException notFound = assertThrows(NotFoundException.class, read::toList);
            assertTrue(notFound.getMessage().contains("does not exist"), notFound.getMessage());
        }
    }

    @Test
    void anAppendToATombstonedStreamIsRefusedAsDeleted() {
        String stream = uniqueStream("order");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("OrderPlaced", 1, 1));
        client.streams().tombstone(stream, ExpectedVersion.exact(1));

        assertThrows(StreamDeletedException.class, () -> client.appendBlocking(stream, ExpectedVersion.any(), events("OrderPaid", 2, 1)));
    }

    private long countEvents(String stream) {
        try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.forwards())) {
            return read.count();
        }
    }

    /** The server records with Redis's millisecond clock: make sure later appends get a later instant. */
    private static void awaitClockPast(Instant instant) throws InterruptedException {
        while (!Instant.now().isAfter(instant.plusMillis(5))) {
            Thread.sleep(5);
        }
    }
}
