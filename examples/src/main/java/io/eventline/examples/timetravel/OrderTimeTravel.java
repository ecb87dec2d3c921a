package io.eventline.examples.timetravel;

import io.eventline.client.aggregate.EventSourcedRepository;
import io.eventline.examples.order.Order;
import io.eventline.examples.order.OrderSnapshot;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Time travel: an order as it was after a given event, or at a given instant — replaying only
 * the events up to there (the server's {@code max_count} and {@code until} read options).
 */
public final class OrderTimeTravel {
    private final EventSourcedRepository<Order> orders;

    public OrderTimeTravel(EventSourcedRepository<Order> orders) {
        this.orders = requireNonNull(orders, "orders is null");
    }

    public Optional<OrderSnapshot> atVersion(String orderId, long version) {
        return orders.loadAtVersion(orderId, version).map(Order::snapshot);
    }

    public Optional<OrderSnapshot> asOf(String orderId, Instant instant) {
        return orders.loadAsOf(orderId, instant).map(Order::snapshot);
    }
}
