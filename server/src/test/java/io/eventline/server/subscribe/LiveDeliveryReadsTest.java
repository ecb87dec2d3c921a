package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.assertSameEventsOnce;
import static io.eventline.server.subscribe.SubscriptionFixtures.awaitGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At low load every event is delivered on its own, so what a live consumer reads per event is what
 * it costs: one XREADGROUP that finds the event, not a further empty one after each delivery and
 * each settlement (a read only follows those when the last one filled its window or a wake-up came
 * while it was under way). Counted from the server's own Redis command metrics.
 */
@Timeout(60)
class LiveDeliveryReadsTest extends HarnessTest {
    private static final int EVENTS = 40;
    /** The periodic ticks' reads (at most one tick a second here) and the reads of the start. */
    private static final int SLACK = 10;

    @Test
    void aLiveGroupConsumerReadsOnceForEachEventAppendedAlone() {
        List<String> appended = new ArrayList<>(appendMany(eventline, "live-1", "OrderPlaced", 1));
        List<Delivery> received = new ArrayList<>();
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("live-1", "live", "worker-1"))) {
            received.addAll(probe.awaitDeliveries(1));
            probe.ack(eventline.events(), received);
            awaitGroup(eventline, "live", "pending 0", group -> group.getPending() == 0);
            long before = xreadgroups();

            for (int i = 0; i < EVENTS; i++) {
                appended.addAll(appendMany(eventline, "live-1", "OrderPlaced", 1));
                List<Delivery> delivery = probe.awaitDeliveries(1);
                probe.ack(eventline.events(), delivery);
                received.addAll(delivery);
            }
            awaitGroup(eventline, "live", "pending 0 and lag 0", group -> group.getPending() == 0 && group.getLag() == 0);

            long reads = xreadgroups() - before;
            assertSameEventsOnce(appended, received);
            assertTrue(reads >= EVENTS, () -> "the metric counted " + reads + " XREADGROUPs for " + EVENTS + " deliveries");
            assertTrue(reads <= EVENTS + SLACK, () -> reads + " XREADGROUPs for " + EVENTS + " events appended one at a time");
        }
    }

    private long xreadgroups() {
        return eventline.meters().find("lettuce.command.completion").tag("command", "XREADGROUP").timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
