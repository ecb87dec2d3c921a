package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventData;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.awaitGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions on $all narrowed by categories (text before the first '-' of the stream name) and
 * event types get exactly the matching events, and never a non-matching one.
 */
@Timeout(120)
class AllStreamFilterTest extends HarnessTest {
    private record Appended(String stream, String type, String id) {
        String category() {
            int dash = stream.indexOf('-');
            return dash < 0 ? stream : stream.substring(0, dash);
        }
    }

    /** A group on $all with its filter, and the predicate it stands for. */
    private record Filtered(String group, List<String> categories, List<String> types) {
        boolean matches(Appended event) {
            return (categories.isEmpty() || categories.contains(event.category())) && (types.isEmpty() || types.contains(event.type()));
        }
    }

    private static final List<Filtered> GROUPS = List.of(
            new Filtered("orders", List.of("order"), List.of()),
            new Filtered("money-moves", List.of(), List.of("OrderPaid", "PaymentRefunded")),
            new Filtered("placements", List.of("order", "payment"), List.of("OrderPlaced", "PaymentCaptured")),
            new Filtered("everything", List.of(), List.of()));

    private final List<Appended> appended = new ArrayList<>();

    @Test
    void groupsOnAllGetOnlyTheEventsTheirCategoriesAndTypesSelect() {
        // History from before the groups exist, then live events: both pass the same filter.
        append("order-1", "OrderPlaced");
        append("payment-1", "PaymentCaptured");
        append("customer-1", "CustomerRegistered");
        append("order-2", "OrderPlaced");

        List<SubscriptionProbe> probes = new ArrayList<>();
        try {
            for (Filtered filtered : GROUPS) {
                SubscriptionProbe probe = SubscriptionProbe.open(eventline,
                        onAll(filtered.categories(), filtered.types()).setGroup(filtered.group()).setConsumer("worker-1"));
                probes.add(probe);
                probe.confirmation();
            }
            append("order-1", "OrderPaid");
            append("payment-2", "PaymentRefunded");
            append("customer-1", "CustomerMoved");
            append("order-2", "OrderShipped");
            append("inventory-1", "OrderPlaced");
            append("payment-1", "PaymentSettled");

            for (int i = 0; i < GROUPS.size(); i++) {
                Filtered filtered = GROUPS.get(i);
                SubscriptionProbe probe = probes.get(i);
                List<String> expected = appended.stream().filter(filtered::matches).map(Appended::id).toList();
                assertTrue(expected.size() < appended.size() || filtered.group().equals("everything"), "the fixture leaves something out");

                List<Delivery> got = probe.awaitDeliveries(expected.size(), WAIT);
                assertSameEventsOnce(expected, got);
                probe.ack(eventline.events(), got);
                // The group has read past every entry (lag counts entries before filtering) and holds
                // nothing unsettled: no non-matching event was or will be delivered.
                awaitGroup(eventline, filtered.group(), "lag 0 and pending 0", d -> d.getLag() == 0 && d.getPending() == 0);
                probe.expectNoDelivery(Duration.ofMillis(300));
            }
        }
        finally {
            probes.forEach(SubscriptionProbe::close);
        }
    }

    @Test
    void aCatchUpSubscriptionOnAllAppliesTheSameFilters() {
        append("payment-1", "PaymentCaptured");
        append("order-1", "OrderPlaced");
        append("payment-2", "PaymentCaptured");
        append("payment-2", "PaymentRefunded");
        Predicate<Appended> selected = event -> event.category().equals("payment") && event.type().equals("PaymentCaptured");

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onAll(List.of("payment"), List.of("PaymentCaptured")))) {
            probe.confirmation();
            assertEquals(2, probe.awaitCaughtUp(WAIT), "history: the two captured payments");
            append("order-2", "PaymentCaptured");
            append("payment-3", "PaymentRefunded");
            append("payment-3", "PaymentCaptured");

            List<String> expected = appended.stream().filter(selected).map(Appended::id).toList();
            List<Delivery> got = probe.awaitDeliveries(expected.size(), WAIT);
            assertEquals(expected, SubscriptionFixtures.eventIds(got), "in $all order");
            probe.expectNoDelivery(Duration.ofSeconds(1));
        }
    }

    private void append(String stream, String type) {
        EventData event = event(type);
        appendOne(eventline, stream, event);
        appended.add(new Appended(stream, type, event.getEventId()));
    }
}
