package io.eventline.examples.order;

import static java.util.Objects.requireNonNull;

/** One product of an order: how many, at what unit price (in cents). */
public record OrderLine(String sku, int quantity, long unitPriceCents) {
    public OrderLine {
        requireNonNull(sku, "sku is null");
        if (quantity < 1 || unitPriceCents < 0) {
            throw new IllegalArgumentException("a line needs a positive quantity and a price: " + sku);
        }
    }

    public long totalCents() {
        return quantity * unitPriceCents;
    }
}
