package io.eventline.server.subscribe;

import io.eventline.proto.v1.Confirmation;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.Heartbeat;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.deliveryCounts;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.end;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.javaDuration;
import static io.eventline.server.subscribe.SubscriptionFixtures.listed;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A group subscription: confirmation first, group created on first use with defaults and its start, heartbeats. */
@Timeout(120)
class GroupSubscriptionBasicsTest extends HarnessTest {
    @Test
    void subscribeCreatesAMissingGroupWithDefaultSettingsAndDeliversFromTheBeginning() {
        List<String> history = appendMany(eventline, "invoice-1", "InvoiceIssued", 3);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("invoice-1", "invoicing", "worker-1"))) {
            Confirmation confirmation = probe.confirmation();
            assertEquals("invoicing", confirmation.getGroup());
            assertEquals("worker-1", confirmation.getConsumer());
            assertFalse(confirmation.getSubscriptionId().isEmpty());

            List<Delivery> got = probe.awaitDeliveries(3, WAIT);
            assertSameEventsOnce(history, got);
            assertEquals(List.of(1, 1, 1), deliveryCounts(got));
            for (Delivery delivery : got) {
                assertFalse(delivery.getAckId().isEmpty(), "a group delivery carries an ack_id");
                assertEquals("invoice-1", delivery.getEvent().getStream());
                assertEquals("InvoiceIssued", delivery.getEvent().getType());
            }
            probe.ack(eventline.events(), got);

            GroupInfo group = listed(eventline, "invoicing");
            assertEquals("invoice-1", group.getStream());
            assertEquals(Duration.ofSeconds(30), javaDuration(group.getSettings().getAckTimeout()));
            assertEquals(10, group.getSettings().getMaxDeliveries());
            DescribeGroupResponse description = describe(eventline, "invoicing");
            assertEquals(0, description.getPending());
            assertEquals(0, description.getLag());
        }
    }

    @Test
    void aGroupCreatedAtTheEndDeliversOnlyEventsAppendedAfterwards() {
        appendMany(eventline, "invoice-2", "InvoiceIssued", 3);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("invoice-2", "late", "worker-1").setStart(end()))) {
            probe.confirmation();
            List<String> fresh = appendMany(eventline, "invoice-2", "InvoicePaid", 2);

            List<Delivery> got = probe.awaitDeliveries(2, WAIT);
            assertSameEventsOnce(fresh, got);
            assertEquals(List.of(4L, 5L), got.stream().map(d -> d.getEvent().getVersion()).sorted().toList());
            probe.ack(eventline.events(), got);
            probe.expectNoDelivery(Duration.ofMillis(500));
        }
    }

    @Test
    void theStartOfASubscribeIsIgnoredWhenTheGroupExists() {
        eventline.groups().createGroup(createGroup("existing", "invoice-3").setSettings(settings(Duration.ofSeconds(5), 3)).build());
        List<String> history = appendMany(eventline, "invoice-3", "InvoiceIssued", 2);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("invoice-3", "existing", "worker-1").setStart(end()))) {
            probe.confirmation();
            List<Delivery> got = probe.awaitDeliveries(2, WAIT);
            assertSameEventsOnce(history, got);
            probe.ack(eventline.events(), got);
        }
        GroupInfo group = listed(eventline, "existing");
        assertEquals(Duration.ofSeconds(5), javaDuration(group.getSettings().getAckTimeout()));
        assertEquals(3, group.getSettings().getMaxDeliveries());
    }

    @Test
    void consumersWithoutANameGetDistinctNamesFromTheServer() {
        try (SubscriptionProbe first = SubscriptionProbe.open(eventline, groupOn("invoice-4", "anonymous", ""))) {
            Confirmation one = first.confirmation();
            try (SubscriptionProbe second = SubscriptionProbe.open(eventline, groupOn("invoice-4", "anonymous", ""))) {
                Confirmation two = second.confirmation();
                assertFalse(one.getConsumer().isEmpty());
                assertFalse(two.getConsumer().isEmpty());
                assertNotEquals(one.getConsumer(), two.getConsumer());
                assertNotEquals(one.getSubscriptionId(), two.getSubscriptionId());
                assertEquals("anonymous", one.getGroup());
                assertEquals("anonymous", two.getGroup());
            }
        }
    }

    @Test
    void anIdleGroupSubscriptionGetsHeartbeats() {
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("invoice-5", "quiet", "worker-1"))) {
            probe.confirmation();
            Heartbeat first = probe.awaitHeartbeat(WAIT);
            Heartbeat second = probe.awaitHeartbeat(WAIT);
            assertTrue(first.getTime().getSeconds() > 0, "a heartbeat carries the server's time");
            assertTrue(compare(second.getTime(), first.getTime()) >= 0, "heartbeat times do not go backwards");
            assertEquals(0, probe.deliveredCount());
        }
    }

    private static int compare(com.google.protobuf.Timestamp a, com.google.protobuf.Timestamp b) {
        return a.getSeconds() != b.getSeconds() ? Long.compare(a.getSeconds(), b.getSeconds()) : Integer.compare(a.getNanos(), b.getNanos());
    }
}
