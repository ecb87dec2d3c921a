package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.server.testing.EventlineHarness;
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
import static io.eventline.server.subscribe.SubscriptionFixtures.consumer;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.eventIdSet;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * max_in_flight caps a subscription's unacked deliveries: a consumer that does not ack holds its
 * window and no more, gets the next ones as it acks, and slows nobody else.
 */
@Timeout(120)
class SlowConsumerBackpressureTest extends HarnessTest {
    private static final int WINDOW = 5;
    private static final int EVENTS = 20;

    @Test
    void aConsumerThatDoesNotAckHoldsExactlyItsWindowAndGetsMoreAsItAcks() {
        List<String> appended = appendMany(eventline, "work-1", "WorkQueued", EVENTS);

        try (SubscriptionProbe slow = SubscriptionProbe.open(eventline, groupOn("work-1", "slow", "slow-1").setMaxInFlight(WINDOW))) {
            slow.confirmation();
            List<Delivery> window = slow.awaitDeliveries(WINDOW, WAIT);
            slow.expectNoDelivery(Duration.ofSeconds(1));

            DescribeGroupResponse holding = describe(eventline, "slow");
            assertEquals(WINDOW, holding.getPending());
            assertEquals(WINDOW, consumer(holding, "slow-1").getPending());
            assertEquals(EVENTS - WINDOW, holding.getLag());

            List<Delivery> all = new ArrayList<>(window);
            slow.ack(eventline.events(), window);
            List<Delivery> next = slow.awaitDeliveries(WINDOW, WAIT);
            Set<String> overlap = eventIdSet(next);
            overlap.retainAll(eventIdSet(window));
            assertEquals(Set.of(), overlap, "after an ack the next deliveries are new events");
            slow.expectNoDelivery(Duration.ofMillis(500));
            all.addAll(next);

            slow.ack(eventline.events(), next);
            while (all.size() < EVENTS) {
                List<Delivery> more = slow.awaitDeliveries(WINDOW, WAIT);
                slow.ack(eventline.events(), more);
                all.addAll(more);
            }
            assertSameEventsOnce(appended, all);
            slow.expectNoDelivery(Duration.ofMillis(300));
            assertEquals(0, describe(eventline, "slow").getPending());
        }
    }

    @Test
    void withoutAWindowTheServerDefaultCapsTheDeliveries() {
        int events = EventlineHarness.DEFAULT_MAX_IN_FLIGHT + 20;
        List<String> appended = appendMany(eventline, "work-2", "WorkQueued", events);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("work-2", "default-window", "worker-1"))) {
            probe.confirmation();
            List<Delivery> window = probe.awaitDeliveries(EventlineHarness.DEFAULT_MAX_IN_FLIGHT, WAIT);
            probe.expectNoDelivery(Duration.ofSeconds(1));
            assertEquals(EventlineHarness.DEFAULT_MAX_IN_FLIGHT, describe(eventline, "default-window").getPending());

            probe.ack(eventline.events(), window);
            List<Delivery> rest = probe.awaitDeliveries(events - EventlineHarness.DEFAULT_MAX_IN_FLIGHT, WAIT);
            probe.ack(eventline.events(), rest);
            List<Delivery> all = new ArrayList<>(window);
            all.addAll(rest);
            assertSameEventsOnce(appended, all);
            assertEquals(0, describe(eventline, "default-window").getPending());
        }
    }

    @Test
    void aSlowConsumerDoesNotHoldBackTheOtherConsumersOrGroups() {
        try (SubscriptionProbe slow = SubscriptionProbe.open(eventline, groupOn("work-3", "shared", "slow-1").setMaxInFlight(WINDOW))) {
            slow.confirmation();
            List<String> appended = appendMany(eventline, "work-3", "WorkQueued", EVENTS);
            List<Delivery> held = slow.awaitDeliveries(WINDOW, WAIT);

            try (SubscriptionProbe sameGroup = SubscriptionProbe.open(eventline, groupOn("work-3", "shared", "fast-1"));
                 SubscriptionProbe otherGroup = SubscriptionProbe.open(eventline, groupOn("work-3", "other", "fast-2"))) {
                List<Delivery> rest = sameGroup.awaitDeliveries(EVENTS - WINDOW, WAIT);
                sameGroup.ack(eventline.events(), rest);
                List<Delivery> together = new ArrayList<>(held);
                together.addAll(rest);
                assertSameEventsOnce(appended, together);

                List<Delivery> everything = otherGroup.awaitDeliveries(EVENTS, WAIT);
                otherGroup.ack(eventline.events(), everything);
                assertSameEventsOnce(appended, everything);

                slow.expectNoDelivery(Duration.ofMillis(500));
                DescribeGroupResponse shared = describe(eventline, "shared");
                assertEquals(WINDOW, shared.getPending());
                assertEquals(WINDOW, consumer(shared, "slow-1").getPending());
                assertEquals(0, describe(eventline, "other").getPending());
            }
        }
    }
}
