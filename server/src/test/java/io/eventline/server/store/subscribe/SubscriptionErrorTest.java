package io.eventline.server.store.subscribe;

import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.read.ReadPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * An Error (out of memory, say) while a subscription reads or delivers ends its call with that
 * error instead of stopping the subscription silently: a future would swallow it otherwise.
 */
@Timeout(30)
class SubscriptionErrorTest {
    private static final long WAIT_SECONDS = 10;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final SubscriptionHub hub = new SubscriptionHub();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void anErrorFromTheReadEndsTheCall() throws Exception {
        OutOfMemoryError error = new OutOfMemoryError("test: no room for the page");
        FailureSink sink = new FailureSink(false);

        start(() -> CompletableFuture.failedFuture(error), sink);

        assertSame(error, sink.failure.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, hub.size(), "the subscription closed");
    }

    @Test
    void anErrorWhileDeliveringEndsTheCall() throws Exception {
        FailureSink sink = new FailureSink(true);

        start(() -> CompletableFuture.completedFuture(new ReadPage(List.of(event()), false)), sink);

        assertEquals(OutOfMemoryError.class, sink.failure.get(WAIT_SECONDS, TimeUnit.SECONDS).getClass());
        assertEquals(0, hub.size(), "the subscription closed");
    }

    private void start(Supplier<CompletableFuture<ReadPage>> pages, SubscriptionSink sink) {
        ReadCursor cursor = new ReadCursor() {
            @Override
            public CompletableFuture<ReadPage> next() {
                return pages.get();
            }

            @Override
            public void follow() {
            }
        };
        new CatchUpSubscriber(SubscriptionTarget.all(Set.of(), Set.of(), Set.of()), () -> CompletableFuture.completedFuture(cursor), 0, "reader",
                "subscription-1", sink, hub, scheduler, Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1)).start();
    }

    private static RecordedEvent event() {
        return new RecordedEvent(StreamName.parse("order-1", "stream"), 1, Position.ofEntryId(0, "1-1"), UUID.randomUUID(), "OrderPlaced",
                new byte[16], "application/octet-stream", Map.of());
    }

    /** A ready client; it fails every delivery with an Error when asked to, and records how the call ended. */
    private static final class FailureSink extends NoOpSink {
        private final boolean deliveriesFail;
        private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

        FailureSink(boolean deliveriesFail) {
            this.deliveriesFail = deliveriesFail;
        }

        @Override
        public boolean isReady() {
            return !failure.isDone();
        }

        @Override
        public void deliver(List<Delivery> deliveries) {
            if (deliveriesFail) {
                throw new OutOfMemoryError("test: no room for the response");
            }
        }

        @Override
        public void failed(Throwable error) {
            failure.complete(error);
        }
    }
}
