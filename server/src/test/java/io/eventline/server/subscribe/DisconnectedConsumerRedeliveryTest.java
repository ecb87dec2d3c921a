package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.deliveryCounts;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A consumer that goes away (cancel or deadline) without acking leaves its deliveries pending; after
 * the group's ack timeout another consumer gets them, with delivery_count 2.
 */
@Timeout(120)
class DisconnectedConsumerRedeliveryTest extends HarnessTest {
    @Test
    void deliveriesOfACancelledConsumerGoToAnotherAfterTheAckTimeout() {
        eventline.groups().createGroup(createGroup("mailer", "mail-1").setSettings(settings(Duration.ofSeconds(1), 10)).build());
        List<String> appended;
        try (SubscriptionProbe first = SubscriptionProbe.open(eventline, groupOn("mail-1", "mailer", "first"))) {
            first.confirmation();
            appended = appendMany(eventline, "mail-1", "MailQueued", 3);
            List<Delivery> unacked = first.awaitDeliveries(3, WAIT);
            assertSameEventsOnce(appended, unacked);
            assertEquals(List.of(1, 1, 1), deliveryCounts(unacked));
            first.cancel();
        }

        try (SubscriptionProbe second = SubscriptionProbe.open(eventline, groupOn("mail-1", "mailer", "second"))) {
            second.confirmation();
            List<Delivery> redelivered = second.awaitDeliveries(3, WAIT);
            assertSameEventsOnce(appended, redelivered);
            assertEquals(List.of(2, 2, 2), deliveryCounts(redelivered));

            second.ack(eventline.events(), redelivered);
            assertEquals(0, describe(eventline, "mailer").getPending());
            second.expectNoDelivery(Duration.ofMillis(1500));
        }
    }

    @Test
    void deliveriesOfASubscriptionEndedByItsDeadlineGoToAnotherAfterTheAckTimeout() {
        // the deadline ends the call before the ack timeout, so no redelivery reaches the expiring consumer itself
        eventline.groups().createGroup(createGroup("sms", "sms-1").setSettings(settings(Duration.ofSeconds(3), 10)).build());
        List<String> appended = appendMany(eventline, "sms-1", "SmsQueued", 2);

        try (SubscriptionProbe expiring = SubscriptionProbe.open(eventline.asyncEvents().withDeadlineAfter(1500, TimeUnit.MILLISECONDS),
                groupOn("sms-1", "sms", "expiring").build())) {
            expiring.confirmation();
            assertSameEventsOnce(appended, expiring.awaitDeliveries(2, WAIT));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, expiring.awaitError(WAIT).getStatus().getCode());
        }

        try (SubscriptionProbe next = SubscriptionProbe.open(eventline, groupOn("sms-1", "sms", "next"))) {
            next.confirmation();
            List<Delivery> redelivered = next.awaitDeliveries(2, WAIT);
            assertSameEventsOnce(appended, redelivered);
            assertEquals(List.of(2, 2), deliveryCounts(redelivered));
            next.ack(eventline.events(), redelivered);
            assertEquals(0, describe(eventline, "sms").getPending());
        }
    }
}
