package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.awaitGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A message delivered max_deliveries times without a settle is parked instead of delivered again;
 * ReplayParked delivers parked messages again (all, or up to max_count).
 */
@Timeout(120)
class ParkingAndReplayTest extends HarnessTest {
    @Test
    void aMessageNeverAckedIsParkedAfterMaxDeliveries() {
        eventline.groups().createGroup(createGroup("fragile", "payment-1").setSettings(settings(Duration.ofSeconds(1), 2)).build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("payment-1", "fragile", "worker-1"))) {
            probe.confirmation();
            EventData payment = event("PaymentCaptured");

            parkAfterTwoDeliveries(probe, payment);

            probe.expectNoDelivery(Duration.ofMillis(1500));
            DescribeGroupResponse description = describe(eventline, "fragile");
            assertEquals(1, description.getParked());
            assertEquals(0, description.getPending());
        }
    }

    @Test
    void replayParkedDeliversTheParkedMessageAgain() {
        eventline.groups().createGroup(createGroup("fragile", "payment-2").setSettings(settings(Duration.ofSeconds(1), 2)).build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("payment-2", "fragile", "worker-1"))) {
            probe.confirmation();
            EventData payment = event("PaymentCaptured");
            parkAfterTwoDeliveries(probe, payment);

            assertEquals(1, eventline.groups().replayParked(replay("fragile", 0)).getReplayed());

            Delivery replayed = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(payment.getEventId(), replayed.getEvent().getEventId());
            assertEquals("payment-2", replayed.getEvent().getStream());
            assertEquals(1, replayed.getEvent().getVersion());
            assertEquals(payment.getData(), replayed.getEvent().getData());
            probe.ack(eventline.events(), replayed);

            DescribeGroupResponse description = describe(eventline, "fragile");
            assertEquals(0, description.getParked());
            assertEquals(0, description.getPending());
            probe.expectNoDelivery(Duration.ofMillis(1500));
        }
    }

    @Test
    void replayParkedWithAMaxCountReplaysThatManyAndZeroReplaysTheRest() {
        eventline.groups().createGroup(createGroup("batch", "payment-3").build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("payment-3", "batch", "worker-1"))) {
            probe.confirmation();
            List<String> payments = appendMany(eventline, "payment-3", "PaymentCaptured", 3);
            List<Delivery> got = probe.awaitDeliveries(3, WAIT);
            probe.nack(eventline.events(), NackAction.NACK_ACTION_PARK, null, "gateway down", got);
            assertEquals(3, describe(eventline, "batch").getParked());

            assertEquals(1, eventline.groups().replayParked(replay("batch", 1)).getReplayed());
            assertEquals(2, describe(eventline, "batch").getParked());
            List<Delivery> replayed = new ArrayList<>(probe.awaitDeliveries(1, WAIT));
            probe.ack(eventline.events(), replayed);

            assertEquals(2, eventline.groups().replayParked(replay("batch", 0)).getReplayed());
            List<Delivery> rest = probe.awaitDeliveries(2, WAIT);
            probe.ack(eventline.events(), rest);
            replayed.addAll(rest);

            assertSameEventsOnce(payments, replayed);
            DescribeGroupResponse description = describe(eventline, "batch");
            assertEquals(0, description.getParked());
            assertEquals(0, description.getPending());
        }
    }

    /** Appends {@code payment}; it is delivered with counts 1 and 2, never acked, then parked. */
    private void parkAfterTwoDeliveries(SubscriptionProbe probe, EventData payment) {
        String stream = probe.request().getStream();
        String group = probe.request().getGroup();
        appendOne(eventline, stream, payment);

        Delivery first = probe.awaitDeliveries(1, WAIT).get(0);
        assertEquals(payment.getEventId(), first.getEvent().getEventId());
        assertEquals(1, first.getDeliveryCount());
        Delivery second = probe.awaitDeliveries(1, WAIT).get(0);
        assertEquals(payment.getEventId(), second.getEvent().getEventId());
        assertEquals(2, second.getDeliveryCount());

        awaitGroup(eventline, group, "parked 1, pending 0", description -> description.getParked() == 1 && description.getPending() == 0);
    }

    private static ReplayParkedRequest replay(String group, long maxCount) {
        return ReplayParkedRequest.newBuilder().setGroup(group).setMaxCount(maxCount).build();
    }
}
