package io.eventline.server.subscribe;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.SubscriptionProbe;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.consumer;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An ack_id names everything needed to settle it: any server instance on the same store takes the Ack or Nack. */
@Timeout(120)
@ExtendWith(RedisExtension.class)
class CrossInstanceAckTest {
    @Test
    void anAckSentToAnotherInstanceSettlesTheDelivery(TestRedis redis) throws InterruptedException {
        try (EventlineHarness a = EventlineHarness.start(redis); EventlineHarness b = EventlineHarness.join(redis, a)) {
            a.groups().createGroup(createGroup("ledger", "account-1").setSettings(settings(Duration.ofSeconds(1), 10)).build());
            try (SubscriptionProbe probe = SubscriptionProbe.open(a, groupOn("account-1", "ledger", "worker-on-a"))) {
                probe.confirmation();
                List<String> appended = appendMany(a, "account-1", "AmountDeposited", 2);
                List<Delivery> got = probe.awaitDeliveries(2, WAIT);
                assertSameEventsOnce(appended, got);

                b.events().ack(AckRequest.newBuilder().setGroup("ledger").addAllAckIds(SubscriptionProbe.ackIds(got)).build());

                assertSettled(a);
                assertSettled(b);
                // Longer than the 1 s ack timeout: a settled delivery does not come back.
                probe.expectNoDelivery(Duration.ofMillis(1500));
                assertSettled(a);
                assertEquals(0, consumer(describe(a, "ledger"), "worker-on-a").getPending());
            }
        }
    }

    @Test
    void aNackSentToAnotherInstanceRedeliversOnTheFirst(TestRedis redis) throws InterruptedException {
        try (EventlineHarness a = EventlineHarness.start(redis); EventlineHarness b = EventlineHarness.join(redis, a)) {
            a.groups().createGroup(createGroup("ledger", "account-2").build());
            try (SubscriptionProbe probe = SubscriptionProbe.open(a, groupOn("account-2", "ledger", "worker-on-a"))) {
                probe.confirmation();
                List<String> appended = appendMany(a, "account-2", "AmountWithdrawn", 1);
                Delivery first = probe.awaitDeliveries(1, WAIT).get(0);

                b.events().nack(NackRequest.newBuilder()
                        .setGroup("ledger")
                        .addAckIds(first.getAckId())
                        .setAction(NackAction.NACK_ACTION_RETRY)
                        .setReason("retry from instance B")
                        .build());

                // The group keeps the default 30 s ack timeout: this redelivery comes from the Nack.
                Delivery again = probe.awaitDeliveries(1, WAIT).get(0);
                assertEquals(appended.get(0), again.getEvent().getEventId());
                assertEquals(2, again.getDeliveryCount());
                b.events().ack(AckRequest.newBuilder().setGroup("ledger").addAckIds(again.getAckId()).build());
                assertSettled(a);
            }
        }
    }

    private static void assertSettled(EventlineHarness instance) {
        DescribeGroupResponse description = describe(instance, "ledger");
        assertEquals(0, description.getPending());
        assertEquals(0, description.getParked());
    }
}
