package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionHubTest {
    private static final AckId ACK_ID = new AckId(AckId.Kind.STREAM, 0, "0-1");

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final SubscriptionHub hub = new SubscriptionHub(index);

    @Test
    void anAppendWakesTheSubscriptionsToItsStreamOnly() {
        RecordingSubscription order1 = catchUp(SubscriptionTarget.stream(stream("order-1")));
        RecordingSubscription order2 = catchUp(SubscriptionTarget.stream(stream("order-2")));
        RecordingSubscription order1Group = groupConsumer("billing", "c1", SubscriptionTarget.stream(stream("order-1")));

        hub.appended(0, stream("order-1"), "OrderPlaced");

        assertEquals(List.of(1, 0, 1), wakes(order1, order2, order1Group));
    }

    @Test
    void anAppendWakesTheAllSubscriptionsOfItsCategoryAndThoseWithoutCategories() {
        RecordingSubscription everything = catchUp(SubscriptionTarget.all(Set.of(), Set.of(), Set.of()));
        RecordingSubscription orders = catchUp(SubscriptionTarget.all(Set.of("order"), Set.of(), Set.of()));
        RecordingSubscription ordersAndInvoices = groupConsumer("audit", "c1", SubscriptionTarget.all(Set.of("order", "invoice"), Set.of(), Set.of()));
        RecordingSubscription invoices = catchUp(SubscriptionTarget.all(Set.of("invoice"), Set.of(), Set.of()));

        hub.appended(0, stream("order-1"), "OrderPlaced");

        assertEquals(List.of(1, 1, 1, 0), wakes(everything, orders, ordersAndInvoices, invoices));
    }

    @Test
    void anAppendWakesOnlyTheAllSubscriptionsThatTakeItsType() {
        RecordingSubscription placed = catchUp(SubscriptionTarget.all(Set.of(), Set.of("OrderPlaced"), Set.of()));
        RecordingSubscription placedOrders = catchUp(SubscriptionTarget.all(Set.of("order"), Set.of("OrderPlaced", "OrderPaid"), Set.of()));
        RecordingSubscription paid = catchUp(SubscriptionTarget.all(Set.of(), Set.of("OrderPaid"), Set.of()));
        RecordingSubscription paidOrders = catchUp(SubscriptionTarget.all(Set.of("order"), Set.of("OrderPaid"), Set.of()));

        hub.appended(0, stream("order-1"), "OrderPlaced");

        assertEquals(List.of(1, 1, 0, 0), wakes(placed, placedOrders, paid, paidOrders));
    }

    @Test
    void settlementsAndReclaimsReachOnlyTheirGroup() {
        RecordingSubscription billing1 = groupConsumer("billing", "c1", SubscriptionTarget.stream(stream("order-1")));
        RecordingSubscription billing2 = groupConsumer("billing", "c2", SubscriptionTarget.stream(stream("order-1")));
        RecordingSubscription shipping = groupConsumer("shipping", "c1", SubscriptionTarget.stream(stream("order-1")));
        RecordingSubscription catchUp = catchUp(SubscriptionTarget.stream(stream("order-1")));

        hub.settled("billing", List.of(ACK_ID));
        hub.reclaimSoon("billing");

        assertEquals(List.of(ACK_ID), billing1.settled);
        assertEquals(List.of(ACK_ID), billing2.settled);
        assertEquals(List.of(), shipping.settled);
        assertEquals(List.of(), catchUp.settled);
        assertEquals(List.of(1, 1, 0, 0), Stream.of(billing1, billing2, shipping, catchUp).map(subscription -> subscription.reclaims).toList());
    }

    @Test
    void closeConsumerEndsThatConsumerOfThatGroupOnly() {
        RecordingSubscription billing1 = groupConsumer("billing", "c1", SubscriptionTarget.all(Set.of(), Set.of(), Set.of()));
        RecordingSubscription billing2 = groupConsumer("billing", "c2", SubscriptionTarget.all(Set.of(), Set.of(), Set.of()));
        RecordingSubscription shipping1 = groupConsumer("shipping", "c1", SubscriptionTarget.all(Set.of(), Set.of(), Set.of()));
        RecordingSubscription catchUp1 = catchUp(SubscriptionTarget.all(Set.of(), Set.of(), Set.of()), "c1");

        hub.closeConsumer("billing", "c1");

        assertEquals(List.of(true, false, false, false), Stream.of(billing1, billing2, shipping1, catchUp1).map(subscription -> subscription.closed).toList());
        assertEquals(3, hub.size());
    }

    @Test
    void anUnregisteredSubscriptionIsNotReachedAgain() {
        RecordingSubscription billing = groupConsumer("billing", "c1", SubscriptionTarget.stream(stream("order-1")));
        hub.unregister(billing);

        hub.appended(0, stream("order-1"), "OrderPlaced");
        hub.settled("billing", List.of(ACK_ID));
        hub.reclaimSoon("billing");
        hub.wakeAll();

        assertEquals(0, billing.wakes);
        assertEquals(List.of(), billing.settled);
        assertEquals(0, billing.reclaims);
    }

    @Test
    void subscriptionsThatCameAndWentLeaveNothingIndexed() {
        List<SubscriptionTarget> targets = List.of(
                SubscriptionTarget.all(Set.of(), Set.of(), Set.of()),
                SubscriptionTarget.all(Set.of("order", "invoice"), Set.of(), Set.of()),
                SubscriptionTarget.all(Set.of(), Set.of("OrderPlaced"), Set.of()));
        List<RecordingSubscription> opened = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            SubscriptionTarget target = i % 4 == 3 ? SubscriptionTarget.stream(stream("order-" + i)) : targets.get(i % 4);
            opened.add(i % 2 == 0 ? catchUp(target) : groupConsumer("group-" + i % 7, "consumer-" + i, target));
        }
        assertFalse(index.isEmpty());
        assertEquals(1_000, hub.size());

        opened.forEach(hub::unregister);

        assertTrue(index.isEmpty(), "no subscription and no empty bucket left");
        assertEquals(0, hub.size());
    }

    @Test
    void wakeAllAndTerminateAllReachEverySubscription() {
        RecordingSubscription order1 = catchUp(SubscriptionTarget.stream(stream("order-1")));
        RecordingSubscription invoices = groupConsumer("billing", "c1", SubscriptionTarget.all(Set.of("invoice"), Set.of(), Set.of()));
        RuntimeException shutdown = new RuntimeException("shutting down");

        hub.wakeAll();
        hub.terminateAll(shutdown);

        assertEquals(List.of(1, 1), wakes(order1, invoices));
        assertSame(shutdown, order1.terminatedBy);
        assertSame(shutdown, invoices.terminatedBy);
        assertEquals(0, hub.size());
    }

    private RecordingSubscription catchUp(SubscriptionTarget target) {
        return catchUp(target, "reader");
    }

    private RecordingSubscription catchUp(SubscriptionTarget target, String consumer) {
        return register(new RecordingSubscription(hub, target, "", consumer));
    }

    private RecordingSubscription groupConsumer(String group, String consumer, SubscriptionTarget target) {
        return register(new RecordingSubscription(hub, target, group, consumer));
    }

    private RecordingSubscription register(RecordingSubscription subscription) {
        hub.register(subscription);
        return subscription;
    }

    private static List<Integer> wakes(RecordingSubscription... subscriptions) {
        return Stream.of(subscriptions).map(subscription -> subscription.wakes).toList();
    }

    private static StreamName stream(String name) {
        return StreamName.parse(name, "stream");
    }

    /** Records what the hub asked of it; closing unregisters it, as a real subscription does. */
    private static final class RecordingSubscription implements Subscription {
        private final SubscriptionHub hub;
        private final SubscriptionTarget target;
        private final String group;
        private final String consumer;
        private final List<AckId> settled = new ArrayList<>();
        private int wakes;
        private int reclaims;
        private boolean closed;
        private Throwable terminatedBy;

        RecordingSubscription(SubscriptionHub hub, SubscriptionTarget target, String group, String consumer) {
            this.hub = hub;
            this.target = target;
            this.group = group;
            this.consumer = consumer;
        }

        @Override
        public void wake() {
            wakes++;
        }

        @Override
        public SubscriptionTarget target() {
            return target;
        }

        @Override
        public String group() {
            return group;
        }

        @Override
        public String consumer() {
            return consumer;
        }

        @Override
        public void settled(Collection<AckId> ackIds) {
            settled.addAll(ackIds);
        }

        @Override
        public void reclaimSoon() {
            reclaims++;
        }

        @Override
        public void close() {
            closed = true;
            hub.unregister(this);
        }

        @Override
        public void terminate(Throwable reason) {
            terminatedBy = reason;
            close();
        }
    }
}
