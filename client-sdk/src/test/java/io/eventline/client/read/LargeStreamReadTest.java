package io.eventline.client.read;

import io.eventline.client.EventlineClient;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.ReadTrafficInterceptor;
import io.eventline.client.testing.ServerExtension;
import io.eventline.client.testing.TestServer;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 100,000-event stream read through the lazy Stream: the client never holds more than the page
 * being consumed and the one after it, however long the stream, and closing early cancels the call.
 */
@ExtendWith(ServerExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LargeStreamReadTest {
    private static final int EVENTS = 100_000;
    private static final int APPEND_BATCH = 1_000;
    /** The page being handed out plus the one gRPC has asked for. */
    private static final long MAX_BUFFERED = 2L * TestServer.READ_PAGE_SIZE;

    private static String stream;

    private final TestServer server;
    private final EventlineClient client;

    LargeStreamReadTest(TestServer server, EventlineClient client) {
        this.server = server;
        this.client = client;
    }

    @BeforeAll
    static void writeALongStream(EventlineClient client) {
        stream = uniqueStream("ticks");
        for (int appended = 0; appended < EVENTS; appended += APPEND_BATCH) {
            client.appendBlocking(stream, ExpectedVersion.exact(appended), events("Tick", appended + 1, APPEND_BATCH));
        }
    }

    @AfterAll
    static void deleteTheStream(EventlineClient client) {
        // free the test Redis's memory for the other tests
        client.streams().delete(stream, ExpectedVersion.any());
    }

    @Test
    void pullsOneHundredThousandEventsInOrderHoldingAtMostTwoPages() {
        ReadTrafficInterceptor traffic = new ReadTrafficInterceptor();
        try (EventlineClient reader = server.newClient(builder -> builder.interceptor(traffic));
                Stream<RecordedEvent> events = reader.read(stream, ReadOptions.forwards())) {
            Iterator<RecordedEvent> iterator = events.iterator();
            long taken = 0;
            long mostAhead = 0;
            while (iterator.hasNext()) {
                RecordedEvent event = iterator.next();
                taken++;
                if (event.version() != taken) {
                    throw new AssertionError("expected version " + taken + ", read " + event);
                }
                mostAhead = Math.max(mostAhead, traffic.eventsReceived() - taken);
            }

            assertEquals(EVENTS, taken);
            assertEquals(EVENTS, traffic.eventsReceived(), "every event crossed the wire once");
            assertTrue(mostAhead <= MAX_BUFFERED, "the client received at most " + MAX_BUFFERED + " events ahead of the consumer, saw " + mostAhead);
        }
    }

    @Test
    void closingTheStreamEarlyCancelsTheCallAfterAtMostTwoPages() {
        ReadTrafficInterceptor traffic = new ReadTrafficInterceptor();
        try (EventlineClient reader = server.newClient(builder -> builder.interceptor(traffic))) {
            List<Long> firstTen;
            try (Stream<RecordedEvent> events = reader.read(stream, ReadOptions.forwards())) {
                firstTen = events.limit(10).map(RecordedEvent::version).toList();
            }

            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), firstTen);
            Await.until("the read call ended", () -> traffic.lastEnd().isPresent());
            assertEquals(Status.Code.CANCELLED, traffic.lastEnd().get().getCode());
            // as in the whole read: at most two pages beyond what was taken (a server's first page may be short)
            long ahead = traffic.eventsReceived() - firstTen.size();
            assertTrue(ahead <= MAX_BUFFERED, "received " + traffic.eventsReceived() + " for " + firstTen.size() + " taken");
        }
    }

    @Test
    void readsTheTailOfTheLongStreamBackwards() {
        try (Stream<RecordedEvent> events = client.read(stream, ReadOptions.backwards().maxCount(3))) {
            assertEquals(List.of(100_000L, 99_999L, 99_998L), events.map(RecordedEvent::version).toList());
        }
    }
}
