package io.eventline.examples.analytics;

import io.eventline.client.EventlineClient;
import io.eventline.client.RecordedEvent;
import io.eventline.client.dispatch.EventDispatcher;
import io.eventline.client.serialization.EventCodec;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.examples.order.OrderCancelled;
import io.eventline.examples.order.OrderDelivered;
import io.eventline.examples.order.OrderEvents;
import io.eventline.examples.order.OrderPaid;
import io.eventline.examples.order.OrderPlaced;
import io.eventline.examples.order.OrderRefunded;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The analytics service: a second consumer group on every order event, independent of the
 * notifications (each group gets every event), with one typed handler per event class. Counting is
 * idempotent: an event delivered again is not counted twice.
 */
public final class AnalyticsConsumer implements AutoCloseable {
    public static final SubscriptionTarget TARGET = SubscriptionTarget.categories(OrderEvents.CATEGORY);

    private final EventlineClient client;
    private final String group;
    private final EventDispatcher dispatcher;
    private final Set<UUID> counted = new HashSet<>();
    private SalesFigures figures = SalesFigures.none();
    private GroupSubscription subscription;

    public AnalyticsConsumer(EventlineClient client, EventCodec codec, String group) {
        this.client = requireNonNull(client, "client is null");
        this.group = requireNonNull(group, "group is null");
        this.dispatcher = EventDispatcher.builder(codec)
                .on(OrderPlaced.class, (placed, recorded) -> count(recorded, now -> new SalesFigures(now.ordersPlaced() + 1, now.ordersPaid(),
                        now.revenueCents(), now.ordersDelivered(), now.ordersCancelled(), now.refundedCents())))
                .on(OrderPaid.class, (paid, recorded) -> count(recorded, now -> new SalesFigures(now.ordersPlaced(), now.ordersPaid() + 1,
                        now.revenueCents() + paid.amountCents(), now.ordersDelivered(), now.ordersCancelled(), now.refundedCents())))
                .on(OrderDelivered.class, (delivered, recorded) -> count(recorded, now -> new SalesFigures(now.ordersPlaced(), now.ordersPaid(),
                        now.revenueCents(), now.ordersDelivered() + 1, now.ordersCancelled(), now.refundedCents())))
                .on(OrderCancelled.class, (cancelled, recorded) -> count(recorded, now -> new SalesFigures(now.ordersPlaced(), now.ordersPaid(),
                        now.revenueCents(), now.ordersDelivered(), now.ordersCancelled() + 1, now.refundedCents())))
                .on(OrderRefunded.class, (refunded, recorded) -> count(recorded, now -> new SalesFigures(now.ordersPlaced(), now.ordersPaid(),
                        now.revenueCents(), now.ordersDelivered(), now.ordersCancelled(), now.refundedCents() + refunded.amountCents())))
                .build();
    }

    public synchronized void start() {
        subscription = client.subscribe(GroupSubscriptionSettings.builder(group, TARGET).consumer("analyst-1").build(), dispatcher);
    }

    public synchronized SalesFigures figures() {
        return figures;
    }

    @Override
    public void close() {
        GroupSubscription running;
        synchronized (this) {
            running = subscription;
        }
        // not under the lock: closing waits for the handler, which takes it
        if (running != null) {
            running.close();
        }
    }

    private synchronized void count(RecordedEvent recorded, UnaryOperator<SalesFigures> change) {
        if (counted.add(recorded.eventId())) {
            figures = change.apply(figures);
        }
    }
}
