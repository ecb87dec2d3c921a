package io.eventline.examples.summary;

import io.eventline.examples.order.OrderStatus;

/** One row of the order-summary read model; {@code version} is the order's last event applied to it. */
public record OrderSummary(String orderId, String customerEmail, OrderStatus status, long totalCents, String currency, long version) {
    OrderSummary with(OrderStatus newStatus, long newVersion) {
        return new OrderSummary(orderId, customerEmail, newStatus, totalCents, currency, newVersion);
    }
}
