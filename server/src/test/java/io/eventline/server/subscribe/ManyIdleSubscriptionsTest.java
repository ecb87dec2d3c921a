package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.end;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.onStream;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thousand idle subscriptions are all confirmed and all still get a live event, without a Redis
 * connection per subscription (the design's bound: no more than ten more connections).
 */
@Timeout(300)
class ManyIdleSubscriptionsTest extends HarnessTest {
    private static final int SUBSCRIPTIONS = 1_000;
    private static final int STREAMS = 4;
    /** One subscription in this many is a group subscription (each in its own group); the rest are catch-up. */
    private static final int GROUP_EVERY = 10;
    private static final int MAX_EXTRA_CONNECTIONS = 10;
    private static final Duration OVERALL = Duration.ofSeconds(120);

    @Test
    void aThousandIdleSubscriptionsAreConfirmedGetLiveEventsAndAddNoConnectionPerSubscription() throws Exception {
        for (int s = 0; s < STREAMS; s++) {
            appendOne(eventline, stream(s), event("FeedCreated"));
        }
        long connectionsBefore = redisConnections();

        List<SubscriptionProbe> probes = new ArrayList<>(SUBSCRIPTIONS);
        try {
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                String stream = stream(i % STREAMS);
                SubscribeRequest.Builder request = i % GROUP_EVERY == 0
                        ? groupOn(stream, "feed-group-" + i, "reader")
                        : onStream(stream);
                probes.add(SubscriptionProbe.open(eventline, request.setStart(end())));
            }
            long deadline = System.nanoTime() + OVERALL.toNanos();
            for (SubscriptionProbe probe : probes) {
                probe.confirmation(remaining(deadline));
            }

            long connectionsOpen = redisConnections();
            assertTrue(connectionsOpen - connectionsBefore <= MAX_EXTRA_CONNECTIONS,
                    "with " + SUBSCRIPTIONS + " subscriptions open Redis has " + connectionsOpen + " connections, "
                            + connectionsBefore + " before: subscriptions must share a few connections");

            Map<String, String> liveIdByStream = new HashMap<>();
            for (int s = 0; s < STREAMS; s++) {
                EventData live = event("FeedUpdated");
                appendOne(eventline, stream(s), live);
                liveIdByStream.put(stream(s), live.getEventId());
            }
            for (SubscriptionProbe probe : probes) {
                Delivery delivery = probe.awaitDeliveries(1, remaining(deadline)).get(0);
                String stream = probe.request().getStream();
                assertEquals(liveIdByStream.get(stream), delivery.getEvent().getEventId(), probe.toString());
                assertEquals(2, delivery.getEvent().getVersion());
            }

            long connectionsAfterDelivery = redisConnections();
            assertTrue(connectionsAfterDelivery - connectionsBefore <= MAX_EXTRA_CONNECTIONS,
                    "after delivering to " + SUBSCRIPTIONS + " subscriptions Redis has " + connectionsAfterDelivery
                            + " connections, " + connectionsBefore + " before");
        }
        finally {
            probes.forEach(SubscriptionProbe::close);
        }
    }

    private static String stream(int index) {
        return "feed-" + index;
    }

    private long redisConnections() throws Exception {
        String clients = eventline.redis().commands().clientList().get(10, TimeUnit.SECONDS);
        return clients.lines().filter(line -> !line.isBlank()).count();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
