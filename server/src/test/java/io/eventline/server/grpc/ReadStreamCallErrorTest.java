package io.eventline.server.grpc;

import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.read.ReadPage;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An Error while a ReadStream sends a page (out of memory, say) ends the call with a status instead of leaving it hanging. */
@Timeout(30)
class ReadStreamCallErrorTest {
    @Test
    void anErrorWhileSendingAPageEndsTheCall() throws Exception {
        RecordedEvent event = new RecordedEvent(StreamName.parse("order-1", "stream"), 1, Position.ofEntryId(0, "1-1"), UUID.randomUUID(),
                "OrderPlaced", new byte[16], "application/octet-stream", Map.of());
        ReadCursor cursor = new ReadCursor() {
            @Override
            public CompletableFuture<ReadPage> next() {
                return CompletableFuture.supplyAsync(() -> new ReadPage(List.of(event), true));
            }

            @Override
            public void follow() {
            }
        };
        FailingObserver observer = new FailingObserver();

        new ReadStreamCall(cursor, observer, new ProtoMapper(), new StatusMapper(), new EventlineMetrics(new SimpleMeterRegistry())).start();

        assertEquals(Status.Code.INTERNAL, Status.fromThrowable(observer.ended.get(10, TimeUnit.SECONDS)).getCode());
    }

    /** A ready call whose every write fails as if the heap were full; records how the call ended. */
    private static final class FailingObserver extends StubCallObserver<ReadStreamResponse> {
        @Override
        public void onNext(ReadStreamResponse value) {
            throw new OutOfMemoryError("test: no room for the response");
        }
    }
}
