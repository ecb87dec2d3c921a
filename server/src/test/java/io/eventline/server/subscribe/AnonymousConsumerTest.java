package io.eventline.server.subscribe;

import io.eventline.proto.v1.ConsumerInfo;
import io.eventline.proto.v1.Delivery;
import io.eventline.server.store.Caller;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.IdleConsumerSweeper;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consumers the server names cannot come back under their name: one whose call ends leaves the
 * group at once and hands its deliveries back; one a crashed server left behind is swept once idle.
 */
@Timeout(120)
class AnonymousConsumerTest extends HarnessTest {
    @Test
    void anEndedAnonymousConsumerLeavesAndItsDeliveriesComeBackAtOnce() {
        // an ack timeout far longer than the test: a redelivery can only come from the hand-back
        eventline.groups().createGroup(createGroup("mailer", "mail-1").setSettings(settings(Duration.ofMinutes(10), 10)).build());
        List<String> appended = appendMany(eventline, "mail-1", "MailQueued", 2);
        String anonymous;
        try (SubscriptionProbe first = SubscriptionProbe.open(eventline, groupOn("mail-1", "mailer", ""))) {
            anonymous = first.confirmation().getConsumer();
            assertTrue(anonymous.matches("c-[0-9a-f]{8}"), anonymous);
            assertEquals(2, first.awaitDeliveries(2, WAIT).size());
            first.cancel();
        }
        try (SubscriptionProbe second = SubscriptionProbe.open(eventline, groupOn("mail-1", "mailer", "worker-2"))) {
            List<Delivery> redelivered = second.awaitDeliveries(2, WAIT);
            assertEquals(appended.size(), redelivered.size());
            List<String> consumers = describe(eventline, "mailer").getConsumersList().stream().map(ConsumerInfo::getName).toList();
            assertEquals(List.of("worker-2"), consumers);
            second.ack(eventline.events(), redelivered);
        }
    }

    @Test
    void theSweeperForgetsIdleAnonymousConsumersThatHoldNothing() throws Exception {
        eventline.groups().createGroup(createGroup("mailer", "mail-2").build());
        appendMany(eventline, "mail-2", "MailQueued", 1);
        var redis = eventline.redis().commands();
        StoreKeys keys = new StoreKeys(eventline.namespace(), eventline.partitions());
        byte[] streamKey = keys.locate(StreamName.parse("mail-2", "stream")).streamKey();
        byte[] group = "mailer".getBytes(StandardCharsets.UTF_8);
        // what a killed server leaves: consumers it named, one still holding a delivery, and a named one
        for (String left : List.of("c-0badf00d", "worker-1")) {
            redis.xgroupCreateconsumer(streamKey, Consumer.from(group, left.getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        }
        redis.xreadgroup(Consumer.from(group, "c-1234abcd".getBytes(StandardCharsets.UTF_8)), XReadArgs.Builder.count(1),
                XReadArgs.StreamOffset.lastConsumed(streamKey)).get(5, TimeUnit.SECONDS);

        GroupStore groups = new GroupStore(redis, keys, new EventEntryCodec(), Clock.systemUTC());
        try (IdleConsumerSweeper sweeper = new IdleConsumerSweeper(redis, groups, Duration.ZERO)) {
            assertEquals(1L, sweeper.sweep().get(10, TimeUnit.SECONDS));
        }
        List<String> consumers = describe(eventline, "mailer").getConsumersList().stream().map(ConsumerInfo::getName).sorted().toList();
        assertEquals(List.of("c-1234abcd", "worker-1"), consumers);
        assertEquals(1, describe(eventline, "mailer").getPending());
        assertEquals(1, groups.list(Caller.trusted()).get(5, TimeUnit.SECONDS).size());
    }
}
