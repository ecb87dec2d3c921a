package io.eventline.examples.analytics;

/** What the analytics service counted. */
public record SalesFigures(long ordersPlaced, long ordersPaid, long revenueCents, long ordersDelivered, long ordersCancelled, long refundedCents) {
    public static SalesFigures none() {
        return new SalesFigures(0, 0, 0, 0, 0, 0);
    }
}
