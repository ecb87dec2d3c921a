package io.eventline.server.subscribe;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import io.eventline.proto.v1.RemoveConsumerRequest;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.proto.v1.ResetGroupRequest;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.UpdateGroupRequest;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.beginning;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.listGroups;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.badField;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refused requests: malformed ack_id (INVALID_ARGUMENT), unknown group (NOT_FOUND), bad group and
 * consumer names (INVALID_ARGUMENT naming the field), Subscribe without a target (INVALID_ARGUMENT).
 */
@Timeout(120)
class SubscriptionValidationTest extends HarnessTest {
    private static final List<String> BAD_NAMES = List.of(
            "",
            "g".repeat(129),
            "has space",
            "slash/name",
            "colon:name",
            "brace{1}",
            "star*",
            "ünïcode",
            "tab\tname");

    @Test
    void aMalformedAckIdIsInvalidArgument() {
        eventline.groups().createGroup(createGroup("billing", "order-1").build());

        for (String malformed : List.of("garbage", "not an ack id!", "%%%")) {
            StatusRuntimeException ack = assertStatus(Status.Code.INVALID_ARGUMENT, () -> eventline.events().ack(
                    AckRequest.newBuilder().setGroup("billing").addAckIds(malformed).build()));
            assertTrue(badField(ack).startsWith("ack_ids"), badField(ack));
            StatusRuntimeException nack = assertStatus(Status.Code.INVALID_ARGUMENT, () -> eventline.events().nack(
                    NackRequest.newBuilder().setGroup("billing").addAckIds(malformed).setAction(NackAction.NACK_ACTION_RETRY).build()));
            assertTrue(badField(nack).startsWith("ack_ids"), badField(nack));
        }
    }

    @Test
    void anUnknownGroupIsNotFound() {
        // A sealed ack_id of a real delivery, sent after its group was deleted (an id of another group is INVALID_ARGUMENT).
        appendMany(eventline, "order-2", "OrderPlaced", 1);
        String ackId;
        try (SubscriptionProbe missing = SubscriptionProbe.open(eventline, groupOn("order-2", "missing", "worker-1"));
                SubscriptionProbe real = SubscriptionProbe.open(eventline, groupOn("order-2", "real", "worker-1"))) {
            ackId = missing.awaitDeliveries(1, WAIT).get(0).getAckId();
            real.awaitDeliveries(1, WAIT);
        }
        eventline.groups().deleteGroup(DeleteGroupRequest.newBuilder().setGroup("missing").build());

        assertStatus(Status.Code.NOT_FOUND, () -> eventline.events().ack(AckRequest.newBuilder().setGroup("missing").addAckIds(ackId).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.events().nack(NackRequest.newBuilder()
                .setGroup("missing").addAckIds(ackId).setAction(NackAction.NACK_ACTION_SKIP).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().describeGroup(DescribeGroupRequest.newBuilder().setGroup("missing").build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().updateGroup(UpdateGroupRequest.newBuilder()
                .setGroup("missing").setSettings(settings(Duration.ofSeconds(1), 2)).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().resetGroup(ResetGroupRequest.newBuilder()
                .setGroup("missing").setStart(beginning()).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().removeConsumer(RemoveConsumerRequest.newBuilder()
                .setGroup("missing").setConsumer("worker-1").build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().deleteGroup(DeleteGroupRequest.newBuilder().setGroup("missing").build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().replayParked(ReplayParkedRequest.newBuilder().setGroup("missing").build()));

        assertEquals(1, describe(eventline, "real").getPending(), "the refused Ack and Nack settled nothing of another group on the stream");
    }

    @Test
    void badGroupNamesAreInvalidArgumentOnCreate() {
        for (String bad : BAD_NAMES) {
            StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT,
                    () -> eventline.groups().createGroup(createGroup(bad, "order-3").build()));
            assertEquals("group", badField(error), () -> "for group name '" + bad + "'");
        }
        assertEquals(List.of(), listGroups(eventline));

        eventline.groups().createGroup(createGroup("g".repeat(128), "order-3").build());
        eventline.groups().createGroup(createGroup("Order_Projections.v2-eu", "order-3").build());
        assertEquals(2, listGroups(eventline).size());
    }

    @Test
    void badGroupOrConsumerNamesAreInvalidArgumentOnSubscribe() {
        for (String bad : BAD_NAMES) {
            if (bad.isEmpty()) {
                continue; // no group is a catch-up subscription, not an error
            }
            assertSubscribeRefused("group", groupOn("order-4", bad, "worker-1").build());
        }
        for (String bad : List.of("c".repeat(129), "has space", "colon:name", "ünïcode")) {
            assertSubscribeRefused("consumer", groupOn("order-4", "valid", bad).build());
        }
    }

    @Test
    void subscribeWithoutAStreamOrAllIsInvalidArgument() {
        assertSubscribeRefused(null, SubscribeRequest.newBuilder().setGroup("workers").setConsumer("worker-1").build());
        assertSubscribeRefused(null, SubscribeRequest.newBuilder().build());
        assertStatus(Status.Code.NOT_FOUND, () -> describe(eventline, "workers"));
    }

    /** Subscribe ends with INVALID_ARGUMENT (naming {@code field} when not null) and no confirmation. */
    private void assertSubscribeRefused(String field, SubscribeRequest request) {
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, request)) {
            StatusRuntimeException error = probe.awaitError(WAIT);
            assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode(), () -> "for " + request + ": " + error.getStatus());
            if (field != null) {
                assertEquals(field, badField(error), () -> "for " + request);
            }
            assertFalse(probe.isConfirmed(), "a refused subscription is not confirmed");
            assertEquals(0, probe.deliveredCount());
        }
    }
}
