package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.consumerNames;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.eventIdSet;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Two consumers of one group split the events between them and, acking all, see each exactly once. */
@Timeout(120)
class ConsumerGroupSplitTest extends HarnessTest {
    private static final int EVENTS = 50;
    private static final int WINDOW = 5;

    @Test
    void twoConsumersSplitTheEventsAndTogetherSeeEachExactlyOnce() {
        try (SubscriptionProbe a = SubscriptionProbe.open(eventline, groupOn("task-1", "workers", "worker-a").setMaxInFlight(WINDOW))) {
            a.confirmation();
            try (SubscriptionProbe b = SubscriptionProbe.open(eventline, groupOn("task-1", "workers", "worker-b").setMaxInFlight(WINDOW))) {
                b.confirmation();
                List<String> appended = appendMany(eventline, "task-1", "TaskQueued", EVENTS);

                // Neither acks before holding a full window: with A's window full, B must get the next
                // ones, so the split is exercised whatever the timing.
                List<Delivery> fromA = new ArrayList<>(a.awaitDeliveries(WINDOW, WAIT));
                List<Delivery> fromB = new ArrayList<>(b.awaitDeliveries(WINDOW, WAIT));
                a.ack(eventline.events(), fromA);
                b.ack(eventline.events(), fromB);

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (fromA.size() + fromB.size() < EVENTS) {
                    if (System.nanoTime() - deadline >= 0) {
                        fail("the two consumers got " + (fromA.size() + fromB.size()) + " of " + EVENTS + " deliveries; " + a + "; " + b);
                    }
                    List<Delivery> moreA = a.pollDeliveries(Duration.ofMillis(100));
                    if (!moreA.isEmpty()) {
                        a.ack(eventline.events(), moreA);
                        fromA.addAll(moreA);
                    }
                    List<Delivery> moreB = b.pollDeliveries(Duration.ofMillis(100));
                    if (!moreB.isEmpty()) {
                        b.ack(eventline.events(), moreB);
                        fromB.addAll(moreB);
                    }
                }
                a.expectNoDelivery(Duration.ofMillis(500));
                b.expectNoDelivery(Duration.ofMillis(500));

                List<Delivery> together = new ArrayList<>(fromA);
                together.addAll(fromB);
                assertSameEventsOnce(appended, together);
                Set<String> overlap = eventIdSet(fromA);
                overlap.retainAll(eventIdSet(fromB));
                assertEquals(Set.of(), overlap, "no event goes to both consumers");
                assertTrue(fromA.size() >= WINDOW && fromB.size() >= WINDOW, "both consumers got a share: " + fromA.size() + " / " + fromB.size());
                assertTrue(together.stream().allMatch(delivery -> delivery.getDeliveryCount() == 1), "nothing was redelivered");

                DescribeGroupResponse description = describe(eventline, "workers");
                assertEquals(0, description.getPending());
                assertEquals(0, description.getLag());
                assertTrue(consumerNames(description).containsAll(List.of("worker-a", "worker-b")), description.toString());
            }
        }
    }
}
