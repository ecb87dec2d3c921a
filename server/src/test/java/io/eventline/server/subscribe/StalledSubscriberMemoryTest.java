package io.eventline.server.subscribe;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.store.ByteBudget;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.Fixtures.appendLarge;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A group subscriber that takes its confirmation and one delivery, then never reads again, over
 * large events with a short ack timeout: every ack timeout its deliveries become reclaimable, and
 * the server must not queue them again for a call that cannot take them. What the server holds for
 * the call stays within the per-call bound (docs/operations.md): the byte budget plus one event.
 */
@Timeout(60)
class StalledSubscriberMemoryTest extends HarnessTest {
    private static final int EVENT_BYTES = EventlineHarness.LIMITS.maxEventBytes() - 1024;
    private static final int EVENTS = 160;
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(200);
    private static final Duration WATCHED = Duration.ofSeconds(10);
    /** Budget, one event and its envelope: the most one read may add to the call's queue. */
    private static final long BOUND = ByteBudget.DEFAULT_MAX_BYTES + EVENT_BYTES + 4096L;
    /** Loose: today's reclaim loop grew the heap by about 6 MiB per ack timeout with these events. */
    private static final long HEAP_GROWTH_LIMIT = 256L * 1024 * 1024;

    @Test
    void aSubscriberThatStopsReadingHoldsAtMostItsBoundInTheServer() throws InterruptedException {
        stallAndWatch(groupOn("blob-1", "stalled", "stalled-1").build());
    }

    /** Batches carry what single deliveries would: the same bound holds. */
    @Test
    void aSubscriberOfBatchesThatStopsReadingHoldsAtMostTheSameBound() throws InterruptedException {
        stallAndWatch(groupOn("blob-1", "stalled", "stalled-1").setMaxBatchSize(1000).build());
    }

    private void stallAndWatch(io.eventline.proto.v1.SubscribeRequest request) throws InterruptedException {
        eventline.groups().createGroup(createGroup("stalled", "blob-1").setSettings(settings(ACK_TIMEOUT, 1000)).build());
        appendLarge(eventline, "blob-1", EVENTS, EVENT_BYTES);
        long heapBefore = usedHeap();

        ClientCall<io.eventline.proto.v1.SubscribeRequest, SubscribeResponse> call =
                eventline.asyncEvents().getChannel().newCall(EventStoreServiceGrpc.getSubscribeMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(SubscribeResponse message) {
                // taken, and no more asked for
            }
        }, new Metadata());
        // manual flow control: the confirmation and one delivery (or batch), then the client never reads again
        call.request(2);
        call.sendMessage(request);
        call.halfClose();
        try {
            long peak = 0;
            long deadline = System.nanoTime() + WATCHED.toNanos();
            while (System.nanoTime() - deadline < 0) {
                long buffered = bufferedBytes();
                peak = Math.max(peak, buffered);
                if (buffered > BOUND) {
                    fail("the server holds " + buffered + " bytes for a call that stopped reading; the bound is " + BOUND);
                }
                Thread.sleep(100);
            }
            long heapGrowth = usedHeap() - heapBefore;
            assertTrue(heapGrowth < HEAP_GROWTH_LIMIT, "heap grew by " + heapGrowth + " bytes (peak buffered " + peak + ")");
        }
        finally {
            call.cancel("test over", null);
        }
    }

    private long bufferedBytes() {
        return (long) eventline.meters().get("eventline.subscriptions.buffered.bytes").gauge().value();
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
