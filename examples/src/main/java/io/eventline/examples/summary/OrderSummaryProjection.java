package io.eventline.examples.summary;

import io.eventline.client.RecordedEvent;
import io.eventline.client.dispatch.EventDispatcher;
import io.eventline.client.projection.Projection;
import io.eventline.client.serialization.EventCodec;
import io.eventline.examples.order.OrderCancelled;
import io.eventline.examples.order.OrderDelivered;
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
                .on(OrderPaid.class, (paid, recorded) -> moved(paid.orderId(), OrderStatus.PAID, recorded))
                .on(OrderShipped.class, (shipped, recorded) -> moved(shipped.orderId(), OrderStatus.SHIPPED, recorded))
                .on(OrderDelivered.class, (delivered, recorded) -> moved(delivered.orderId(), OrderStatus.DELIVERED, recorded))
                .on(OrderCancelled.class, (cancelled, recorded) -> moved(cancelled.orderId(), OrderStatus.CANCELLED, recorded))
                .on(OrderRefunded.class, (refunded, recorded) -> moved(refunded.orderId(), OrderStatus.REFUNDED, recorded))
                .build();
    }

    @Override
    public void apply(RecordedEvent event) throws Exception {
        dispatcher.apply(event);
    }

    private void placed(OrderPlaced placed, RecordedEvent recorded) {
        if (model.get(placed.orderId()).isEmpty()) {
            model.put(new OrderSummary(placed.orderId(), placed.customerEmail(), OrderStatus.PLACED, placed.totalCents(), placed.currency(), recorded.version()));
        }
    }

    private void moved(String orderId, OrderStatus status, RecordedEvent recorded) {
        model.get(orderId)
                .filter(summary -> recorded.version() > summary.version())
                .ifPresent(summary -> model.put(summary.with(status, recorded.version())));
    }
}
