package io.eventline.server.grpc;

import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.read.ReadPage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * ReadStream's flow against a client that stops taking: the next page is read while the current one
 * is sent, so a stalled reader holds at most two pages, and pages go out in order even when the next
 * one was read before the current one went out (a cursor that answers at once).
 */
@Timeout(30)
class ReadStreamCallFlowTest {
    private static final int PAGES = 10;

    @Test
    void aReaderThatStopsTakingHoldsAtMostTwoPagesAndGetsThemInOrder() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        ReadCursor cursor = new ReadCursor() {
            @Override
            public CompletableFuture<ReadPage> next() {
                int page = fetched.incrementAndGet();
                return CompletableFuture.completedFuture(new ReadPage(List.of(event(page)), page == PAGES));
            }

            @Override
            public void follow() {
            }
        };
        StoppingReader reader = new StoppingReader();

        new ReadStreamCall(cursor, reader, new ProtoMapper(), new StatusMapper(), new EventlineMetrics(new SimpleMeterRegistry())).start();

        assertEquals(2, fetched.get(), "the page sent and the one read meanwhile; nothing more while the client takes nothing");
        assertEquals(List.of(1L, 2L), reader.versions);

        reader.ready = true;
        reader.onReady.run();

        assertNull(reader.ended.get(10, TimeUnit.SECONDS), "completed");
        assertEquals(IntStream.rangeClosed(1, PAGES).mapToObj(Long::valueOf).toList(), reader.versions);
        assertEquals(PAGES, fetched.get());
    }

    private static RecordedEvent event(int version) {
        return new RecordedEvent(StreamName.parse("order-1", "stream"), version, Position.ofEntryId(0, "1-" + version), UUID.randomUUID(),
                "OrderNoted", new byte[16], "application/octet-stream", Map.of());
    }

    /** Ready until the first response arrives, then not ready until the test says so. */
    private static final class StoppingReader extends StubCallObserver<ReadStreamResponse> {
        private final List<Long> versions = new ArrayList<>();

        @Override
        public void onNext(ReadStreamResponse response) {
            if (versions.isEmpty()) {
                ready = false;
            }
            response.getEventsList().forEach(event -> versions.add(event.getVersion()));
        }
    }
}
