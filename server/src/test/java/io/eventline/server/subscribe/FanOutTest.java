package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Groups are independent: every group sees every event, whatever the others do. */
@Timeout(120)
class FanOutTest extends HarnessTest {
    private static final List<String> GROUPS = List.of("billing", "shipping", "audit");

    @Test
    void threeGroupsOnOneStreamEachSeeEveryEvent() {
        List<String> appended = new ArrayList<>(appendMany(eventline, "order-1", "OrderLine", 4));
        List<SubscriptionProbe> probes = new ArrayList<>();
        try {
            for (String group : GROUPS) {
                SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-1", group, group + "-worker"));
                probes.add(probe);
                probe.confirmation();
            }
            appended.addAll(appendMany(eventline, "order-1", "OrderLine", 6));

            for (SubscriptionProbe probe : probes) {
                List<Delivery> got = probe.awaitDeliveries(appended.size(), WAIT);
                assertSameEventsOnce(appended, got);
                probe.ack(eventline.events(), got);
            }
            for (SubscriptionProbe probe : probes) {
                probe.expectNoDelivery(Duration.ofMillis(300));
            }
            for (String group : GROUPS) {
                DescribeGroupResponse description = describe(eventline, group);
                assertEquals(0, description.getPending(), group);
                assertEquals(0, description.getLag(), group);
            }
        }
        finally {
            probes.forEach(SubscriptionProbe::close);
        }
    }

    @Test
    void threeGroupsOnAllEachSeeEveryEventOfEveryStream() {
        List<SubscriptionProbe> probes = new ArrayList<>();
        try {
            for (String group : GROUPS) {
                SubscriptionProbe probe = SubscriptionProbe.open(eventline, onAll(List.of(), List.of()).setGroup(group).setConsumer("worker"));
                probes.add(probe);
                probe.confirmation();
            }
            List<String> appended = new ArrayList<>();
            appended.addAll(appendMany(eventline, "order-1", "OrderPlaced", 3));
            appended.addAll(appendMany(eventline, "customer-1", "CustomerRegistered", 2));
            appended.addAll(appendMany(eventline, "order-2", "OrderPlaced", 3));

            for (SubscriptionProbe probe : probes) {
                List<Delivery> got = probe.awaitDeliveries(appended.size(), WAIT);
                assertSameEventsOnce(appended, got);
                probe.ack(eventline.events(), got);
            }
            for (SubscriptionProbe probe : probes) {
                probe.expectNoDelivery(Duration.ofMillis(300));
            }
            for (String group : GROUPS) {
                assertEquals(0, describe(eventline, group).getPending(), group);
            }
        }
        finally {
            probes.forEach(SubscriptionProbe::close);
        }
    }
}
