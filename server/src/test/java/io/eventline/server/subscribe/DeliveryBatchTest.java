package io.eventline.server.subscribe;

import com.google.protobuf.CodedOutputStream;
import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DeliveryBatch;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.awaitGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.beginning;
import static io.eventline.server.subscribe.SubscriptionFixtures.deliveredVersions;
import static io.eventline.server.subscribe.SubscriptionFixtures.eventIds;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.listGroups;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.onStream;
import static io.eventline.server.testing.Fixtures.appendLarge;
import static io.eventline.server.testing.Fixtures.badField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribe's {@code max_batch_size}: deliveries the server has ready at once arrive in
 * {@code delivery_batch} messages of at most that many (the probe checks each batch's size as it
 * arrives), each event once and settled on its own; a request without it gets single deliveries
 * only; one above the cap is refused before anything is created.
 */
@Timeout(120)
class DeliveryBatchTest extends HarnessTest {
    private static final int BACKLOG = 500;
    private static final int BATCH_SIZE = 50;

    @Test
    void aGroupBacklogArrivesInBatchesEachEventOnceAndItsAcksSettleEverything() {
        List<String> ids = appendMany(eventline, "batch-1", "OrderPlaced", BACKLOG);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("batch-1", "batched", "worker-1").setMaxBatchSize(BATCH_SIZE))) {
            List<Delivery> received = takeAndAck(probe, BACKLOG);

            assertSameEventsOnce(ids, received);
            List<Integer> perMessage = probe.deliveriesPerMessage();
            assertEquals(BACKLOG, perMessage.stream().mapToInt(Integer::intValue).sum());
            assertTrue(perMessage.stream().anyMatch(size -> size > 1), () -> "no batch of more than one delivery: " + perMessage);
            assertTrue(perMessage.stream().allMatch(size -> size <= BATCH_SIZE), () -> "a batch above " + BATCH_SIZE + ": " + perMessage);
            awaitGroup(eventline, "batched", "pending 0 and lag 0", group -> group.getPending() == 0 && group.getLag() == 0);
        }
    }

    @Test
    void withoutTheFieldOrWithOneEveryDeliveryComesAlone() {
        appendMany(eventline, "single-1", "OrderPlaced", 200);

        for (SubscribeRequest.Builder request : List.of(groupOn("single-1", "unbatched", "worker-1"), onStream("single-1").setMaxBatchSize(1))) {
            try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, request)) {
                takeAndAck(probe, 200);
                List<Integer> perMessage = probe.deliveriesPerMessage();
                assertTrue(perMessage.stream().allMatch(size -> size == 1), () -> "a batch to a client that did not ask: " + perMessage);
            }
        }
    }

    @Test
    void aBatchSizeAboveTheCapIsInvalidArgumentAndCreatesNoGroup() {
        appendMany(eventline, "capped-1", "OrderPlaced", 1);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("capped-1", "never-made", "worker-1").setMaxBatchSize(1001))) {
            StatusRuntimeException refused = probe.awaitError();
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
            assertEquals("max_batch_size", badField(refused));
        }
        assertFalse(listGroups(eventline).stream().anyMatch(group -> group.getGroup().equals("never-made")), "the refused Subscribe created its group");
    }

    @Test
    void aCatchUpSubscriptionWithBatchesDeliversEveryEventInOrderThenLiveOnes() {
        appendMany(eventline, "history-1", "OrderPlaced", BACKLOG);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("history-1").setStart(beginning()).setMaxBatchSize(100))) {
            assertEquals(BACKLOG, probe.awaitCaughtUp());
            appendMany(eventline, "history-1", "OrderShipped", 40);
            List<Delivery> received = probe.awaitDeliveries(BACKLOG + 40);

            assertEquals(LongStream.rangeClosed(1, BACKLOG + 40).boxed().toList(), deliveredVersions(received));
            assertTrue(probe.deliveriesPerMessage().stream().anyMatch(size -> size > 1), () -> "no batch: " + probe.deliveriesPerMessage());
        }
    }

    @Test
    void aCatchUpOfAllWithBatchesDeliversEveryEventInOrder() {
        List<String> first = appendMany(eventline, "ledger-1", "Posted", 150);
        List<String> second = appendMany(eventline, "ledger-2", "Posted", 150);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onAll(List.of("ledger"), List.of()).setStart(beginning()).setMaxBatchSize(64))) {
            assertEquals(300, probe.awaitCaughtUp());
            List<String> expected = new ArrayList<>(first);
            expected.addAll(second);
            assertEquals(expected, eventIds(probe.awaitDeliveries(300)));
            assertTrue(probe.deliveriesPerMessage().stream().allMatch(size -> size <= 64), () -> "a batch above 64: " + probe.deliveriesPerMessage());
        }
    }

    @Test
    void aBatchIsNeverLargerThanTheLargestSingleEvent() {
        int eventBytes = EventlineHarness.LIMITS.maxEventBytes() / 5;
        appendLarge(eventline, "blob-1", 30, eventBytes);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("blob-1", "blobs", "worker-1").setMaxBatchSize(BATCH_SIZE))) {
            List<Delivery> received = takeAndAck(probe, 30);
            List<Integer> perMessage = probe.deliveriesPerMessage();
            int at = 0;
            for (int size : perMessage) {
                if (size > 1) {
                    DeliveryBatch batch = DeliveryBatch.newBuilder().addAllDeliveries(received.subList(at, at + size)).build();
                    assertTrue(batch.getSerializedSize() <= EventlineHarness.LIMITS.maxEventBytes(),
                            () -> "a batch of " + batch.getSerializedSize() + " bytes; events are at most " + EventlineHarness.LIMITS.maxEventBytes());
                }
                at += size;
            }
            assertTrue(perMessage.stream().anyMatch(size -> size > 1), () -> "no batch: " + perMessage);
            assertTrue(CodedOutputStream.computeMessageSizeNoTag(received.get(0)) * 5 > EventlineHarness.LIMITS.maxEventBytes(),
                    "the events are large enough for the byte limit to matter");
        }
    }

    /** Takes {@code count} deliveries as they come, acking each lot at once (group subscriptions), so the in-flight window keeps moving. */
    private List<Delivery> takeAndAck(SubscriptionProbe probe, int count) {
        List<Delivery> received = new ArrayList<>();
        long deadline = System.nanoTime() + SubscriptionProbe.WAIT.toNanos();
        while (received.size() < count && System.nanoTime() - deadline < 0) {
            List<Delivery> lot = probe.pollDeliveries(Duration.ofSeconds(1));
            received.addAll(lot);
            if (!lot.isEmpty() && !probe.group().isEmpty()) {
                eventline.events().ack(AckRequest.newBuilder().setGroup(probe.group())
                        .addAllAckIds(lot.stream().map(Delivery::getAckId).toList()).build());
            }
        }
        assertEquals(count, received.size(), () -> "deliveries received; " + probe);
        return received;
    }
}
