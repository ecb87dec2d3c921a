package io.eventline.examples.summary;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The order summaries, by order id: what a "my orders" page would query. Kept in memory here. */
public final class OrderSummaryReadModel {
    private final Map<String, OrderSummary> byOrder = new ConcurrentHashMap<>();

    public Optional<OrderSummary> get(String orderId) {
        return Optional.ofNullable(byOrder.get(orderId));
    }

    void put(OrderSummary summary) {
        byOrder.put(summary.orderId(), summary);
    }
}
