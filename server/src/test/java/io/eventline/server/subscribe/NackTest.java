package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.NackAction;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.eventIdSet;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Nack: RETRY redelivers with a higher delivery_count (after retry_delay when set), PARK moves to the
 * parked list at once, SKIP drops the message for the group. The RETRY tests use the default 30 s ack
 * timeout, so a redelivery within the bounded wait can only come from the Nack.
 */
@Timeout(120)
class NackTest extends HarnessTest {
    @Test
    void retryWithADelayRedeliversWithDeliveryCountTwo() {
        eventline.groups().createGroup(createGroup("retrying", "job-1").build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("job-1", "retrying", "worker-1"))) {
            probe.confirmation();
            EventData job = event("JobQueued");
            appendOne(eventline, "job-1", job);

            Delivery first = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(job.getEventId(), first.getEvent().getEventId());
            assertEquals(1, first.getDeliveryCount());
            probe.nack(eventline.events(), NackAction.NACK_ACTION_RETRY, Duration.ofMillis(300), "downstream unavailable", List.of(first));

            Delivery again = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(job.getEventId(), again.getEvent().getEventId());
            assertEquals(2, again.getDeliveryCount());
            assertEquals(1, again.getEvent().getVersion());
            assertFalse(again.getAckId().isEmpty());

            probe.ack(eventline.events(), again);
            DescribeGroupResponse description = describe(eventline, "retrying");
            assertEquals(0, description.getPending());
            assertEquals(0, description.getParked());
            probe.expectNoDelivery(Duration.ofSeconds(1));
        }
    }

    @Test
    void retryWithoutADelayRedeliversAtOnce() {
        eventline.groups().createGroup(createGroup("retrying", "job-2").build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("job-2", "retrying", "worker-1"))) {
            probe.confirmation();
            EventData job = event("JobQueued");
            appendOne(eventline, "job-2", job);

            Delivery first = probe.awaitDeliveries(1, WAIT).get(0);
            probe.nack(eventline.events(), NackAction.NACK_ACTION_RETRY, first);
            Delivery second = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(job.getEventId(), second.getEvent().getEventId());
            assertEquals(2, second.getDeliveryCount());
            probe.nack(eventline.events(), NackAction.NACK_ACTION_RETRY, second);
            Delivery third = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(job.getEventId(), third.getEvent().getEventId());
            assertEquals(3, third.getDeliveryCount());

            probe.ack(eventline.events(), third);
            assertEquals(0, describe(eventline, "retrying").getPending());
        }
    }

    @Test
    void parkMovesTheMessagesToParkedAtOnceAndDoesNotRedeliverThem() {
        eventline.groups().createGroup(createGroup("parking", "job-3").setSettings(settings(Duration.ofSeconds(1), 10)).build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("job-3", "parking", "worker-1"))) {
            probe.confirmation();
            List<String> jobs = appendMany(eventline, "job-3", "JobQueued", 3);
            List<Delivery> got = probe.awaitDeliveries(3, WAIT);
            Delivery good = got.stream().filter(d -> d.getEvent().getEventId().equals(jobs.get(0))).findFirst().orElseThrow();
            List<Delivery> poisoned = got.stream().filter(d -> !d.getEvent().getEventId().equals(jobs.get(0))).toList();

            probe.nack(eventline.events(), NackAction.NACK_ACTION_PARK, null, "cannot parse payload", poisoned);
            probe.ack(eventline.events(), good);

            DescribeGroupResponse parked = describe(eventline, "parking");
            assertEquals(2, parked.getParked());
            assertEquals(0, parked.getPending());
            // Longer than the 1 s ack timeout: a parked message is not pending, so it does not come back.
            probe.expectNoDelivery(Duration.ofMillis(1500));
            EventData next = event("JobQueued");
            appendOne(eventline, "job-3", next);
            Delivery following = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(next.getEventId(), following.getEvent().getEventId(), "the next delivery is the new event, not a parked one");
            probe.ack(eventline.events(), following);

            DescribeGroupResponse after = describe(eventline, "parking");
            assertEquals(2, after.getParked());
            assertEquals(0, after.getPending());
        }
    }

    @Test
    void skipDropsTheMessageForTheGroupWithoutParkingIt() {
        eventline.groups().createGroup(createGroup("skipping", "job-4").setSettings(settings(Duration.ofSeconds(1), 10)).build());
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("job-4", "skipping", "worker-1"))) {
            probe.confirmation();
            List<String> jobs = appendMany(eventline, "job-4", "JobQueued", 2);
            List<Delivery> got = probe.awaitDeliveries(2, WAIT);
            assertEquals(java.util.Set.copyOf(jobs), eventIdSet(got));

            probe.nack(eventline.events(), NackAction.NACK_ACTION_SKIP, null, "obsolete", List.of(got.get(0)));
            probe.ack(eventline.events(), got.get(1));

            DescribeGroupResponse description = describe(eventline, "skipping");
            assertEquals(0, description.getParked());
            assertEquals(0, description.getPending());
            probe.expectNoDelivery(Duration.ofMillis(1500));
            EventData next = event("JobQueued");
            appendOne(eventline, "job-4", next);
            Delivery following = probe.awaitDeliveries(1, WAIT).get(0);
            assertEquals(next.getEventId(), following.getEvent().getEventId(), "the next delivery is the new event, not the skipped one");
            probe.ack(eventline.events(), following);
            assertEquals(0, describe(eventline, "skipping").getParked());
        }
    }
}
