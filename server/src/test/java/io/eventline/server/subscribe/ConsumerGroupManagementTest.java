package io.eventline.server.subscribe;

import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.ConsumerInfo;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.RemoveConsumerRequest;
import io.eventline.proto.v1.RemoveConsumerResponse;
import io.eventline.proto.v1.ResetGroupRequest;
import io.eventline.proto.v1.SubscriptionStart;
import io.eventline.proto.v1.UpdateGroupRequest;
import io.eventline.server.store.Position;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.eventline.server.subscribe.SubscriptionFixtures.all;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.beginning;
import static io.eventline.server.subscribe.SubscriptionFixtures.consumer;
import static io.eventline.server.subscribe.SubscriptionFixtures.consumerNames;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroupOnAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.deliveredVersions;
import static io.eventline.server.subscribe.SubscriptionFixtures.deliveryCounts;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.end;
import static io.eventline.server.subscribe.SubscriptionFixtures.fromPosition;
import static io.eventline.server.subscribe.SubscriptionFixtures.fromVersion;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.javaDuration;
import static io.eventline.server.subscribe.SubscriptionFixtures.listGroups;
import static io.eventline.server.subscribe.SubscriptionFixtures.listed;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ConsumerGroupService: create, update, reset, remove a consumer, delete, list and describe. */
@Timeout(120)
class ConsumerGroupManagementTest extends HarnessTest {
    @Test
    void createGroupRefusesATakenName() {
        eventline.groups().createGroup(createGroup("billing", "order-1").build());

        assertStatus(Status.Code.ALREADY_EXISTS, () -> eventline.groups().createGroup(createGroup("billing", "order-1").build()));
        assertStatus(Status.Code.ALREADY_EXISTS, () -> eventline.groups().createGroup(createGroup("billing", "order-2").build()));
        assertEquals("order-1", listed(eventline, "billing").getStream());
    }

    @Test
    void listGroupsShowsEachGroupWithItsTargetFiltersAndSettings() {
        eventline.groups().createGroup(createGroup("billing", "order-1").setSettings(settings(Duration.ofSeconds(5), 3)).build());
        eventline.groups().createGroup(createGroupOnAll("audit", all(List.of("order", "payment"), List.of("OrderPlaced"))).build());

        List<GroupInfo> groups = listGroups(eventline);
        assertEquals(2, groups.size(), groups.toString());

        GroupInfo billing = listed(eventline, "billing");
        assertEquals("order-1", billing.getStream());
        assertEquals(List.of(), billing.getCategoriesList());
        assertEquals(Duration.ofSeconds(5), javaDuration(billing.getSettings().getAckTimeout()));
        assertEquals(3, billing.getSettings().getMaxDeliveries());
        assertTrue(billing.getCreatedAt().getSeconds() > 0);

        GroupInfo audit = listed(eventline, "audit");
        assertEquals("$all", audit.getStream());
        assertEquals(List.of("order", "payment"), audit.getCategoriesList());
        assertEquals(List.of("OrderPlaced"), audit.getEventTypesList());
        assertEquals(Duration.ofSeconds(30), javaDuration(audit.getSettings().getAckTimeout()), "default ack timeout");
        assertEquals(10, audit.getSettings().getMaxDeliveries(), "default max deliveries");
    }

    @Test
    void describeGroupCountsLagPendingAndConsumers() {
        eventline.groups().createGroup(createGroup("shipping", "order-3").build());
        appendMany(eventline, "order-3", "OrderLine", 5);

        DescribeGroupResponse untouched = describe(eventline, "shipping");
        assertEquals("shipping", untouched.getGroup().getGroup());
        assertEquals("order-3", untouched.getGroup().getStream());
        assertEquals(5, untouched.getLag());
        assertEquals(0, untouched.getPending());
        assertEquals(0, untouched.getParked());
        assertEquals(List.of(), untouched.getConsumersList());

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-3", "shipping", "packer-1").setMaxInFlight(2))) {
            probe.confirmation();
            List<Delivery> first = probe.awaitDeliveries(2, WAIT);

            DescribeGroupResponse busy = describe(eventline, "shipping");
            assertEquals(3, busy.getLag(), "lag counts entries not yet delivered");
            assertEquals(2, busy.getPending());
            assertTrue(busy.hasOldestPendingAge(), "oldest_pending_age is set while something is pending");
            assertSaneAge(busy.getOldestPendingAge());
            assertEquals(List.of("packer-1"), consumerNames(busy));
            ConsumerInfo packer = consumer(busy, "packer-1");
            assertEquals(2, packer.getPending());
            assertSaneAge(packer.getIdle());

            probe.ack(eventline.events(), first);
            probe.ack(eventline.events(), probe.awaitDeliveries(2, WAIT));
            probe.ack(eventline.events(), probe.awaitDeliveries(1, WAIT));

            DescribeGroupResponse done = describe(eventline, "shipping");
            assertEquals(0, done.getLag());
            assertEquals(0, done.getPending());
            assertEquals(0, consumer(done, "packer-1").getPending());
        }
    }

    @Test
    void updateGroupChangesItsSettingsAndTheNewAckTimeoutApplies() {
        eventline.groups().createGroup(createGroup("retrying", "order-4").build());
        eventline.groups().updateGroup(UpdateGroupRequest.newBuilder()
                .setGroup("retrying")
                .setSettings(settings(Duration.ofSeconds(1), 4))
                .build());

        GroupInfo updated = listed(eventline, "retrying");
        assertEquals(Duration.ofSeconds(1), javaDuration(updated.getSettings().getAckTimeout()));
        assertEquals(4, updated.getSettings().getMaxDeliveries());
        assertEquals(updated.getSettings(), describe(eventline, "retrying").getGroup().getSettings());

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-4", "retrying", "worker-1"))) {
            probe.confirmation();
            EventData placed = event("OrderPlaced");
            appendOne(eventline, "order-4", placed);
            assertEquals(1, probe.awaitDeliveries(1, WAIT).get(0).getDeliveryCount());
            // Not acked: with the old 30 s timeout this would not come back within the bounded wait.
            Delivery again = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(placed.getEventId(), again.getEvent().getEventId());
            assertEquals(2, again.getDeliveryCount());
            probe.ack(eventline.events(), again);
        }
    }

    @Test
    void removeConsumerHandsItsPendingDeliveriesBackAtOnce() {
        // Default 30 s ack timeout: the survivor getting them within the bounded wait is RemoveConsumer's doing.
        eventline.groups().createGroup(createGroup("dispatch", "parcel-1").build());
        List<String> appended;
        try (SubscriptionProbe crashed = SubscriptionProbe.open(eventline, groupOn("parcel-1", "dispatch", "dispatcher-1"))) {
            crashed.confirmation();
            appended = appendMany(eventline, "parcel-1", "ParcelReady", 3);
            assertSameEventsOnce(appended, crashed.awaitDeliveries(3, WAIT));
            crashed.cancel();
        }

        try (SubscriptionProbe survivor = SubscriptionProbe.open(eventline, groupOn("parcel-1", "dispatch", "dispatcher-2"))) {
            survivor.confirmation();
            survivor.expectNoDelivery(Duration.ofMillis(300));

            RemoveConsumerResponse removed = eventline.groups().removeConsumer(RemoveConsumerRequest.newBuilder()
                    .setGroup("dispatch").setConsumer("dispatcher-1").build());
            assertEquals(3, removed.getReleased());

            List<Delivery> handedBack = survivor.awaitDeliveries(3, WAIT);
            assertSameEventsOnce(appended, handedBack);
            survivor.ack(eventline.events(), handedBack);

            DescribeGroupResponse description = describe(eventline, "dispatch");
            assertEquals(0, description.getPending());
            assertFalse(consumerNames(description).contains("dispatcher-1"), description.toString());
        }
    }

    @Test
    void deleteGroupThenSubscribeRecreatesItFromTheStart() {
        List<String> history = appendMany(eventline, "order-5", "OrderLine", 3);
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-5", "reporting", "reporter-1"))) {
            probe.confirmation();
            List<Delivery> got = probe.awaitDeliveries(3, WAIT);
            assertSameEventsOnce(history, got);
            probe.ack(eventline.events(), got);
        }

        eventline.groups().deleteGroup(DeleteGroupRequest.newBuilder().setGroup("reporting").build());
        assertFalse(listGroups(eventline).stream().anyMatch(group -> group.getGroup().equals("reporting")));
        assertStatus(Status.Code.NOT_FOUND,
                () -> eventline.groups().describeGroup(DescribeGroupRequest.newBuilder().setGroup("reporting").build()));

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-5", "reporting", "reporter-1"))) {
            probe.confirmation();
            List<Delivery> again = probe.awaitDeliveries(3, WAIT);
            assertSameEventsOnce(history, again);
            assertEquals(List.of(1, 1, 1), deliveryCounts(again), "a new group: first deliveries");
            probe.ack(eventline.events(), again);
            assertEquals("order-5", listed(eventline, "reporting").getStream());
        }
    }

    @Test
    void resetGroupToTheBeginningRedeliversTheHistory() {
        eventline.groups().createGroup(createGroup("rebuild", "order-6").build());
        List<String> history = appendMany(eventline, "order-6", "OrderLine", 3);
        consumeAndAck("order-6", "rebuild", "projector-1", history);

        reset("rebuild", beginning());

        List<Delivery> replayed = consumeAndAck("order-6", "rebuild", "projector-2", history);
        assertEquals(List.of(1L, 2L, 3L), deliveredVersions(replayed).stream().sorted().toList());
        assertEquals(0, describe(eventline, "rebuild").getPending());
    }

    @Test
    void resetGroupToAVersionOrToTheEnd() {
        eventline.groups().createGroup(createGroup("rebuild", "order-7").build());
        List<String> history = appendMany(eventline, "order-7", "OrderLine", 4);
        consumeAndAck("order-7", "rebuild", "projector-1", history);

        reset("rebuild", fromVersion(3));
        List<Delivery> fromThree = consumeAndAck("order-7", "rebuild", "projector-2", history.subList(2, 4));
        assertEquals(List.of(3L, 4L), deliveredVersions(fromThree).stream().sorted().toList());

        reset("rebuild", end());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-7", "rebuild", "projector-3"))) {
            probe.confirmation();
            probe.expectNoDelivery(Duration.ofMillis(500));
            EventData next = event("OrderLine");
            appendOne(eventline, "order-7", next);
            Delivery delivery = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(next.getEventId(), delivery.getEvent().getEventId());
            assertEquals(5, delivery.getEvent().getVersion());
            probe.ack(eventline.events(), delivery);
        }
    }

    @Test
    void resetGroupOnAllToAPosition() {
        eventline.groups().createGroup(createGroupOnAll("everything", all(List.of(), List.of())).build());
        EventData first = event("OrderPlaced");
        EventData second = event("PaymentCaptured");
        EventData third = event("OrderShipped");
        Map<String, Position> positions = new LinkedHashMap<>();
        positions.put(first.getEventId(), positionOf(appendOne(eventline, "order-8", first)));
        AppendEventsResponse atSecond = appendOne(eventline, "payment-8", second);
        positions.put(second.getEventId(), positionOf(atSecond));
        positions.put(third.getEventId(), positionOf(appendOne(eventline, "order-8", third)));
        consumeAndAckAll("everything", "auditor-1", List.copyOf(positions.keySet()));

        reset("everything", fromPosition(atSecond.getPositions(0)));

        // $all's order is (time, sequence, partition): on several partitions an event appended
        // before the second one in the same millisecond may sort after it, and is then delivered too
        Position from = positions.get(second.getEventId());
        List<String> atOrAfter = positions.entrySet().stream().filter(entry -> entry.getValue().compareTo(from) >= 0).map(Map.Entry::getKey).toList();
        consumeAndAckAll("everything", "auditor-2", atOrAfter);
        assertEquals(0, describe(eventline, "everything").getPending());
    }

    private static Position positionOf(AppendEventsResponse appended) {
        return Position.parse(appended.getPositions(0), "position");
    }

    private void reset(String group, SubscriptionStart start) {
        eventline.groups().resetGroup(ResetGroupRequest.newBuilder().setGroup(group).setStart(start).build());
    }

    /** A consumer subscribes, gets exactly {@code expected}, acks them and leaves. */
    private List<Delivery> consumeAndAck(String stream, String group, String consumer, List<String> expected) {
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn(stream, group, consumer))) {
            probe.confirmation();
            List<Delivery> got = probe.awaitDeliveries(expected.size(), WAIT);
            assertSameEventsOnce(expected, got);
            probe.ack(eventline.events(), got);
            probe.expectNoDelivery(Duration.ofMillis(300));
            return got;
        }
    }

    /** The same on $all. */
    private List<Delivery> consumeAndAckAll(String group, String consumer, List<String> expected) {
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onAll(List.of(), List.of()).setGroup(group).setConsumer(consumer))) {
            probe.confirmation();
            List<Delivery> got = probe.awaitDeliveries(expected.size(), WAIT);
            assertSameEventsOnce(expected, got);
            probe.ack(eventline.events(), got);
            probe.expectNoDelivery(Duration.ofMillis(300));
            return got;
        }
    }

    /** An age or idle time in plausible units: not negative, and less than the test has been running. */
    private static void assertSaneAge(com.google.protobuf.Duration age) {
        Duration value = javaDuration(age);
        assertFalse(value.isNegative(), "negative: " + value);
        assertTrue(value.compareTo(Duration.ofMinutes(5)) < 0, "implausibly large (wrong unit?): " + value);
    }
}
