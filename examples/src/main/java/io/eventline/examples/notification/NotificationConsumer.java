package io.eventline.examples.notification;

import io.eventline.client.EventlineClient;
import io.eventline.client.RecordedEvent;
import io.eventline.client.aggregate.Repository;
import io.eventline.client.serialization.EventCodec;
import io.eventline.client.subscribe.GroupDelivery;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.examples.order.Order;
import io.eventline.examples.order.OrderCancelled;
import io.eventline.examples.order.OrderDelivered;
import io.eventline.examples.order.OrderEvents;
import io.eventline.examples.order.OrderPlaced;
import io.eventline.examples.order.OrderRefunded;
import io.eventline.examples.order.OrderShipped;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The notification service: a consumer group on every order's customer-facing events. A failed
 * send is retried by the group (the handler throws); an order without a usable address is parked
 * for a person to fix, instead of being retried for ever.
 */
public final class NotificationConsumer implements AutoCloseable {
    public static final SubscriptionTarget TARGET = SubscriptionTarget.categories(OrderEvents.CATEGORY)
            .withEventTypes("OrderPlaced", "OrderShipped", "OrderDelivered", "OrderCancelled", "OrderRefunded");

    private final EventlineClient client;
    private final EventCodec codec;
    private final Repository<Order> orders;
    private final NotificationSender sender;
    private final String group;
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private GroupSubscription subscription;

    public NotificationConsumer(EventlineClient client, EventCodec codec, Repository<Order> orders, NotificationSender sender, String group) {
        this.client = requireNonNull(client, "client is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.orders = requireNonNull(orders, "orders is null");
        this.sender = requireNonNull(sender, "sender is null");
        this.group = requireNonNull(group, "group is null");
    }

    public synchronized void start() {
        subscription = client.subscribe(GroupSubscriptionSettings.builder(group, TARGET).consumer("notifier-1").build(), this::handle);
    }

    /** Deliveries that came again after a failed attempt. */
    public int redeliveries() {
        return redeliveries.get();
    }

    /** Deliveries parked because they cannot be sent. */
    public int parked() {
        return parked.get();
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
    }

    private void handle(GroupDelivery delivery) throws MailServerUnavailableException {
        if (delivery.deliveryCount() > 1) {
            redeliveries.incrementAndGet();
        }
        Optional<Notification> notification = notificationFor(delivery.event());
        if (notification.isEmpty()) {
            return;
        }
        if (!notification.get().to().contains("@")) {
            parked.incrementAndGet();
            delivery.park("order " + notification.get().orderId() + " has no usable e-mail address: '" + notification.get().to() + "'");
            return;
        }
        sender.send(notification.get());
    }

    private Optional<Notification> notificationFor(RecordedEvent recorded) {
        Object event = codec.decode(recorded);
        String eventId = recorded.eventId().toString();
        if (event instanceof OrderPlaced placed) {
            return Optional.of(new Notification(eventId, placed.orderId(), placed.customerEmail(), "Thank you for your order " + placed.orderId()));
        }
        if (event instanceof OrderShipped shipped) {
            return Optional.of(new Notification(eventId, shipped.orderId(), emailOf(shipped.orderId()),
                    "Order " + shipped.orderId() + " is on its way: " + shipped.trackingNumber()));
        }
        if (event instanceof OrderDelivered delivered) {
            return Optional.of(new Notification(eventId, delivered.orderId(), emailOf(delivered.orderId()), "Order " + delivered.orderId() + " was delivered"));
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(new Notification(eventId, cancelled.orderId(), emailOf(cancelled.orderId()),
                    "Order " + cancelled.orderId() + " was cancelled: " + cancelled.reason()));
        }
        if (event instanceof OrderRefunded refunded) {
            return Optional.of(new Notification(eventId, refunded.orderId(), emailOf(refunded.orderId()),
                    "Order " + refunded.orderId() + ": " + refunded.amountCents() + " cents refunded"));
        }
        return Optional.empty();
    }

    /** Later events do not repeat the address: the order knows it. */
    private String emailOf(String orderId) {
        return orders.load(orderId).map(Order::customerEmail).orElse("");
    }
}
