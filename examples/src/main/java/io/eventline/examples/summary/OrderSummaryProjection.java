package io.eventline.examples.summary;

import io.eventline.client.RecordedEvent;
import io.eventline.client.dispatch.EventDispatcher;
import io.eventline.client.projection.Projection;
import io.eventline.client.serialization.EventCodec;
import io.eventline.examples.order.OrderCancelled;
import io.eventline.examples.order.OrderDelivered;
import io.eventline.examples.order.OrderEvents;
import io.eventline.examples.order.OrderPaid;
import io.eventline.examples.order.OrderPlaced;
import io.eventline.examples.order.OrderRefunded;
import io.eventline.examples.order.OrderShipped;
import io.eventline.examples.order.OrderStatus;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the order-summary read model from the order events. Idempotent: an event at or below the
 * version a summary already includes (applied again after a restart) changes nothing.
 */
public final class OrderSummaryProjection implements Projection {
    private final OrderSummaryReadModel model;
    private final EventDispatcher dispatcher;

    public OrderSummaryProjection(EventCodec codec, OrderSummaryReadModel model) {
        this.model = requireNonNull(model, "model is null");
        this.dispatcher = EventDispatcher.builder(codec)
                .on(OrderPlaced.class, this::placed)
                .on(OrderPaid.class, (paid, recorded) -> moved(OrderStatus.PAID, recorded))
                .on(OrderShipped.class, (shipped, recorded) -> moved(OrderStatus.SHIPPED, recorded))
                .on(OrderDelivered.class, (delivered, recorded) -> moved(OrderStatus.DELIVERED, recorded))
                .on(OrderCancelled.class, (cancelled, recorded) -> moved(OrderStatus.CANCELLED, recorded))
                .on(OrderRefunded.class, (refunded, recorded) -> moved(OrderStatus.REFUNDED, recorded))
                .build();
    }

    @Override
    public void apply(RecordedEvent event) throws Exception {
        dispatcher.apply(event);
    }

    /** Orders are keyed by their stream, the order's identity, so an event written by another tool with a different body cannot derail the projection. */
    private void placed(OrderPlaced placed, RecordedEvent recorded) {
        String orderId = OrderEvents.ORDERS.idOf(recorded.stream());
        if (model.get(orderId).isEmpty()) {
            model.put(new OrderSummary(orderId, placed.customerEmail(), OrderStatus.PLACED, placed.totalCents(), placed.currency(), recorded.version()));
        }
    }

    private void moved(OrderStatus status, RecordedEvent recorded) {
        model.get(OrderEvents.ORDERS.idOf(recorded.stream()))
                .filter(summary -> recorded.version() > summary.version())
                .ifPresent(summary -> model.put(summary.with(status, recorded.version())));
    }
}
