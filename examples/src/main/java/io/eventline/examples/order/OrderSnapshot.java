package io.eventline.examples.order;

import java.util.List;

/** An order's state as a snapshot stores it. */
public record OrderSnapshot(OrderStatus status, String customerEmail, List<OrderLine> lines, long totalCents, String currency, long paidCents,
        long refundedCents, String trackingNumber, String cancelReason) {
}
