package io.eventline.server.subscribe;

import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.eventline.server.subscribe.SubscriptionFixtures.all;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.awaitGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroupOnAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.eventIds;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.settings;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The order service through the API: orders move through OrderPlaced, OrderPaid and OrderShipped on
 * their own streams (order-&lt;id&gt;); a notification group and an analytics group on $all (category
 * "order") each process every order event. A notification worker crashes holding unacked deliveries;
 * another notification worker recovers them after the group's ack timeout.
 */
@Timeout(180)
class OrderServiceScenarioTest extends HarnessTest {
    private static final int ORDERS = 5;
    private static final List<String> LIFECYCLE = List.of("OrderPlaced", "OrderPaid", "OrderShipped");
    private static final AllTarget ORDER_EVENTS = all(List.of("order"), List.of());
    private static final int CRASHING_WINDOW = 4;

    /** Order event id -> type, in append order. */
    private final Map<String, String> orderEvents = new LinkedHashMap<>();
    private final Set<String> otherEvents = new HashSet<>();

    /** What a group has processed (acked): event id -> how many times. */
    private final Map<String, Integer> notified = new HashMap<>();
    private final Map<String, Integer> analysed = new HashMap<>();

    @Test
    void notificationAndAnalyticsEachProcessEveryOrderEventThoughANotificationWorkerCrashes() {
        eventline.groups().createGroup(createGroupOnAll("notification", ORDER_EVENTS).setSettings(settings(Duration.ofSeconds(1), 10)).build());
        eventline.groups().createGroup(createGroupOnAll("analytics", ORDER_EVENTS).build());

        try (SubscriptionProbe analytics = worker("analytics", "analytics-1", 0);
             SubscriptionProbe crashing = worker("notification", "notification-1", CRASHING_WINDOW)) {
            analytics.confirmation();
            crashing.confirmation();
            runTheOrders();

            // notification-1 processes one window, then takes another and crashes before acking it.
            process(crashing, crashing.awaitDeliveries(CRASHING_WINDOW, WAIT), notified);
            List<Delivery> lost = crashing.awaitDeliveries(CRASHING_WINDOW, WAIT);

            try (SubscriptionProbe recovering = worker("notification", "notification-2", 0)) {
                recovering.confirmation();
                crashing.cancel();
                Map<String, Integer> countsSeenByRecovering = processUntilEveryOrderEvent(recovering, notified);
                for (String id : eventIds(lost)) {
                    assertTrue(countsSeenByRecovering.containsKey(id), "notification-2 recovered the crashed worker's delivery " + id);
                    assertTrue(countsSeenByRecovering.get(id) >= 2, "a recovered delivery is a redelivery: " + countsSeenByRecovering.get(id));
                }
                recovering.expectNoDelivery(Duration.ofMillis(1500));
            }

            processUntilEveryOrderEvent(analytics, analysed);
            analytics.expectNoDelivery(Duration.ofMillis(500));
        }

        assertEquals(orderEvents.keySet(), notified.keySet(), "notification processed every order event and nothing else");
        assertEquals(orderEvents.keySet(), analysed.keySet(), "analytics processed every order event and nothing else");
        assertTrue(analysed.values().stream().allMatch(times -> times == 1), "analytics never lost a worker: each event once");
        for (String type : LIFECYCLE) {
            assertEquals(ORDERS, orderEvents.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(type) && notified.containsKey(entry.getKey())).count(), type);
        }
        for (String group : List.of("notification", "analytics")) {
            DescribeGroupResponse description = awaitGroup(eventline, group, "everything settled",
                    d -> d.getPending() == 0 && d.getLag() == 0);
            assertEquals(0, description.getParked(), group);
        }
    }

    /** Each order goes through its lifecycle; customer events are interleaved and must reach neither group. */
    private void runTheOrders() {
        for (String type : LIFECYCLE) {
            EventData contacted = event("CustomerContacted");
            appendOne(eventline, "customer-" + type, contacted);
            otherEvents.add(contacted.getEventId());
            for (int order = 1; order <= ORDERS; order++) {
                EventData data = event(type, "{\"orderId\":" + order + "}");
                appendOne(eventline, "order-" + order, data);
                orderEvents.put(data.getEventId(), type);
            }
        }
    }

    private SubscriptionProbe worker(String group, String consumer, int maxInFlight) {
        return SubscriptionProbe.open(eventline, onAll(ORDER_EVENTS.getCategoriesList(), List.of())
                .setGroup(group).setConsumer(consumer).setMaxInFlight(maxInFlight));
    }

    /** "Processes" the deliveries (checks them, counts them) and acks them. */
    private void process(SubscriptionProbe worker, List<Delivery> deliveries, Map<String, Integer> processed) {
        for (Delivery delivery : deliveries) {
            String id = delivery.getEvent().getEventId();
            assertTrue(delivery.getEvent().getStream().startsWith("order-"), "only order events: " + SubscriptionProbe.summary(delivery));
            assertFalse(otherEvents.contains(id), "a customer event reached an order group: " + id);
            assertEquals(orderEvents.get(id), delivery.getEvent().getType());
            processed.merge(id, 1, Integer::sum);
        }
        worker.ack(eventline.events(), deliveries);
    }

    /** Processes until the group has processed every order event; returns the delivery counts this worker saw. */
    private Map<String, Integer> processUntilEveryOrderEvent(SubscriptionProbe worker, Map<String, Integer> processed) {
        Map<String, Integer> deliveryCounts = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!processed.keySet().containsAll(orderEvents.keySet())) {
            if (System.nanoTime() - deadline >= 0) {
                Set<String> missing = new HashSet<>(orderEvents.keySet());
                missing.removeAll(processed.keySet());
                fail(missing.size() + " order events never processed by " + worker + ": " + missing);
            }
            List<Delivery> batch = new ArrayList<>(worker.pollDeliveries(Duration.ofMillis(200)));
            if (!batch.isEmpty()) {
                batch.forEach(delivery -> deliveryCounts.merge(delivery.getEvent().getEventId(), delivery.getDeliveryCount(), Math::max));
                process(worker, batch, processed);
            }
        }
        return deliveryCounts;
    }
}
