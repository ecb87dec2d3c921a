package io.eventline.examples.order;

import io.eventline.client.aggregate.AggregateType;
import io.eventline.client.serialization.EventTypeRegistry;
import io.eventline.client.serialization.JsonEventCodec;
import io.eventline.client.serialization.Upcasters;

/** The order events as stored: their names, schema versions and upcasters, and the codec that uses them. */
public final class OrderEvents {
    /** Orders live in streams {@code order-<id>}: subscriptions to the category see every order. */
    public static final AggregateType<Order> ORDERS = new AggregateType<>("order", Order::new);
    public static final String CATEGORY = "order";

    public static final EventTypeRegistry TYPES = EventTypeRegistry.builder()
            .register("OrderPlaced", OrderPlaced.class, 2)
            .register("OrderPaid", OrderPaid.class)
            .register("OrderShipped", OrderShipped.class)
            .register("OrderDelivered", OrderDelivered.class)
            .register("OrderCancelled", OrderCancelled.class)
            .register("OrderRefunded", OrderRefunded.class)
            .build();

    /** OrderPlaced version 1 predates currencies: those orders were in euros. */
    public static final Upcasters UPCASTERS = Upcasters.builder()
            .register("OrderPlaced", 1, event -> event.put("currency", "EUR"))
            .build();

    private OrderEvents() {
    }

    public static JsonEventCodec codec() {
        return new JsonEventCodec(JsonEventCodec.defaultMapper(), TYPES, UPCASTERS);
    }
}
