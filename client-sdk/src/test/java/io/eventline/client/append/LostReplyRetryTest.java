package io.eventline.client.append;

import io.eventline.client.EventlineClient;
import io.eventline.client.RecordedEvent;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.testing.LoseRepliesInterceptor;
import io.eventline.client.testing.ServerExtension;
import io.eventline.client.testing.TestServer;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An append reaches the server, which stores it, but the reply is lost and the client sees
 * UNAVAILABLE: the SDK retries with the same event ids and the server answers with the original
 * result instead of storing the events twice.
 */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LostReplyRetryTest {
    private final TestServer server;
    private final EventlineClient client;

    LostReplyRetryTest(TestServer server, EventlineClient client) {
        this.server = server;
        this.client = client;
    }

    @Test
    void aRetryAfterALostReplyReturnsTheOriginalResultAndStoresNothingTwice() {
        LoseRepliesInterceptor lose = new LoseRepliesInterceptor(EventStoreServiceGrpc.getAppendEventsMethod(), 1);
        String stream = uniqueStream("order");
        List<EventData> proposed = events("OrderPlaced", 1, 3);
        try (EventlineClient losingClient = server.newClient(builder -> builder.interceptor(lose))) {
            AppendResult result = losingClient.appendBlocking(stream, ExpectedVersion.noStream(), proposed);

            assertEquals(1, lose.lost(), "the first reply was lost");
            assertEquals(2, lose.calls(), "the SDK retried once");
            assertTrue(result.deduplicated(), "the retry was recognised: " + result);
            assertEquals(1, result.firstVersion());
            assertEquals(3, result.lastVersion());
        }
        assertEquals(proposed.stream().map(EventData::eventId).toList(), storedIds(stream), "each event is stored once");
    }

    @Test
    void aRetryWithAnyExpectedVersionIsRecognisedToo() {
        String stream = uniqueStream("order");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("OrderPlaced", 1, 2));
        LoseRepliesInterceptor lose = new LoseRepliesInterceptor(EventStoreServiceGrpc.getAppendEventsMethod(), 2);
        List<EventData> proposed = events("OrderPaid", 3, 2);
        try (EventlineClient losingClient = server.newClient(builder -> builder.interceptor(lose))) {
            AppendResult result = losingClient.append(stream, ExpectedVersion.any(), proposed).join();

            assertEquals(2, lose.lost());
            assertTrue(result.deduplicated());
            assertEquals(3, result.firstVersion());
            assertEquals(4, result.lastVersion());
        }
        assertEquals(4, storedIds(stream).size());
    }

    @Test
    void aFreshAppendIsNotMistakenForARetry() {
        String stream = uniqueStream("order");
        AppendResult first = client.appendBlocking(stream, ExpectedVersion.any(), events("OrderPlaced", 1, 1));
        AppendResult second = client.appendBlocking(stream, ExpectedVersion.any(), events("OrderPlaced", 1, 1));

        assertFalse(first.deduplicated());
        assertFalse(second.deduplicated(), "same payload, new ids: a new event");
        assertEquals(2, second.lastVersion());
    }

    private List<UUID> storedIds(String stream) {
        try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.forwards())) {
            return read.map(RecordedEvent::eventId).toList();
        }
    }
}
