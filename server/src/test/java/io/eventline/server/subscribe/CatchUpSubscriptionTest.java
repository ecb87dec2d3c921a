package io.eventline.server.subscribe;

import com.google.protobuf.Timestamp;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.Confirmation;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventData;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendOne;
import static io.eventline.server.subscribe.SubscriptionFixtures.deliveredVersions;
import static io.eventline.server.subscribe.SubscriptionFixtures.end;
import static io.eventline.server.subscribe.SubscriptionFixtures.eventIds;
import static io.eventline.server.subscribe.SubscriptionFixtures.fromPosition;
import static io.eventline.server.subscribe.SubscriptionFixtures.fromTime;
import static io.eventline.server.subscribe.SubscriptionFixtures.fromVersion;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.onStream;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscription without a group: the history from its start, one caught_up marker, then live
 * events in order; deliveries carry no ack_id.
 */
@Timeout(120)
class CatchUpSubscriptionTest extends HarnessTest {
    @Test
    void getsTheHistoryThenCaughtUpThenLiveEventsInOrder() {
        List<String> history = appendMany(eventline, "cart-1", "ItemAdded", 3);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-1"))) {
            Confirmation confirmation = probe.confirmation();
            assertEquals("", confirmation.getGroup());
            assertFalse(confirmation.getSubscriptionId().isEmpty());

            assertEquals(3, probe.awaitCaughtUp(WAIT), "caught_up comes right after the 3 historical events");
            List<Delivery> past = probe.awaitDeliveries(3, WAIT);
            assertEquals(history, eventIds(past));
            assertEquals(List.of(1L, 2L, 3L), deliveredVersions(past));

            EventData fourth = event("ItemAdded");
            appendOne(eventline, "cart-1", fourth);
            appendOne(eventline, "cart-2", event("ItemAdded"));
            EventData fifth = event("CheckedOut");
            appendOne(eventline, "cart-1", fifth);

            List<Delivery> live = probe.awaitDeliveries(2, WAIT);
            assertEquals(List.of(fourth.getEventId(), fifth.getEventId()), eventIds(live));
            assertEquals(List.of(4L, 5L), deliveredVersions(live));
            for (Delivery delivery : concat(past, live)) {
                assertEquals("", delivery.getAckId(), "catch-up deliveries need no ack");
                assertEquals("cart-1", delivery.getEvent().getStream());
            }
            probe.expectNoDelivery(Duration.ofMillis(500));
            assertEquals(1, probe.caughtUpCount());
        }
    }

    @Test
    void aHistoryLongerThanAPageArrivesWholeAndInOrderBeforeCaughtUp() {
        int count = EventlineHarness.PAGE_SIZE * 2 + 22;
        List<String> history = appendMany(eventline, "cart-3", "ItemAdded", count);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-3"))) {
            probe.confirmation();
            assertEquals(count, probe.awaitCaughtUp(WAIT));
            List<Delivery> past = probe.awaitDeliveries(count, WAIT);
            assertEquals(history, eventIds(past));
            assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), deliveredVersions(past));
        }
    }

    @Test
    void startsFromAVersion() {
        List<String> history = appendMany(eventline, "cart-4", "ItemAdded", 3);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-4").setStart(fromVersion(2)))) {
            probe.confirmation();
            assertEquals(2, probe.awaitCaughtUp(WAIT));
            EventData fourth = event("ItemRemoved");
            appendOne(eventline, "cart-4", fourth);

            List<Delivery> got = probe.awaitDeliveries(3, WAIT);
            assertEquals(List.of(history.get(1), history.get(2), fourth.getEventId()), eventIds(got));
            assertEquals(List.of(2L, 3L, 4L), deliveredVersions(got));
        }
    }

    @Test
    void startsFromTheEnd() {
        appendMany(eventline, "cart-5", "ItemAdded", 3);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-5").setStart(end()))) {
            probe.confirmation();
            assertEquals(0, probe.awaitCaughtUp(WAIT), "from the end there is no history");
            List<String> live = appendMany(eventline, "cart-5", "ItemRemoved", 2);

            List<Delivery> got = probe.awaitDeliveries(2, WAIT);
            assertEquals(live, eventIds(got));
            assertEquals(List.of(4L, 5L), deliveredVersions(got));
            probe.expectNoDelivery(Duration.ofMillis(300));
        }
    }

    @Test
    void onAStreamWithoutEventsYetCatchesUpAtOnceThenGetsItsFirstEvents() {
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-6"))) {
            probe.confirmation();
            assertEquals(0, probe.awaitCaughtUp(WAIT));
            List<String> live = appendMany(eventline, "cart-6", "CartOpened", 2);

            List<Delivery> got = probe.awaitDeliveries(2, WAIT);
            assertEquals(live, eventIds(got));
            assertEquals(List.of(1L, 2L), deliveredVersions(got));
        }
    }

    @Test
    void onAllStartsFromAPosition() {
        EventData first = event("ItemAdded");
        EventData second = event("ItemAdded");
        EventData third = event("ItemAdded");
        appendOne(eventline, "cart-7", first);
        AppendEventsResponse atSecond = appendOne(eventline, "wishlist-7", second);
        appendOne(eventline, "cart-7", third);

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onAll(List.of(), List.of()).setStart(fromPosition(atSecond.getPositions(0))))) {
            probe.confirmation();
            assertEquals(2, probe.awaitCaughtUp(WAIT), "the start position is delivered, the one before it is not");
            EventData fourth = event("ItemRemoved");
            appendOne(eventline, "cart-8", fourth);

            List<Delivery> got = probe.awaitDeliveries(3, WAIT);
            assertEquals(List.of(second.getEventId(), third.getEventId(), fourth.getEventId()), eventIds(got));
            assertEquals(atSecond.getPositions(0), got.get(0).getEvent().getPosition());
        }
    }

    @Test
    void startsFromATime() throws InterruptedException {
        EventData before = event("ItemAdded");
        AppendEventsResponse early = appendOne(eventline, "cart-9", before);
        Thread.sleep(20); // so the next append gets a later Redis timestamp than the first
        EventData from = event("ItemAdded");
        AppendEventsResponse later = appendOne(eventline, "cart-9", from);
        EventData after = event("ItemAdded");
        appendOne(eventline, "cart-9", after);
        assertTrue(compare(later.getRecordedAt(), early.getRecordedAt()) > 0, "precondition: distinct recorded_at");

        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-9").setStart(fromTime(later.getRecordedAt())))) {
            probe.confirmation();
            assertEquals(2, probe.awaitCaughtUp(WAIT));
            assertEquals(List.of(from.getEventId(), after.getEventId()), eventIds(probe.awaitDeliveries(2, WAIT)));
        }
    }

    @Test
    void anIdleCatchUpSubscriptionGetsHeartbeats() {
        appendMany(eventline, "cart-10", "ItemAdded", 1);
        try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, onStream("cart-10"))) {
            probe.confirmation();
            assertEquals(1, probe.awaitCaughtUp(WAIT));
            probe.awaitHeartbeat(WAIT);
            probe.awaitHeartbeat(WAIT);
            assertEquals(1, probe.deliveredCount());
        }
    }

    private static List<Delivery> concat(List<Delivery> a, List<Delivery> b) {
        List<Delivery> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int compare(Timestamp a, Timestamp b) {
        return a.getSeconds() != b.getSeconds() ? Long.compare(a.getSeconds(), b.getSeconds()) : Integer.compare(a.getNanos(), b.getNanos());
    }
}
