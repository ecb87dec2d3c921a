package io.eventline.loadtest.subscribe;

import io.eventline.proto.v1.Delivery;

/** Hears each delivery as it arrives, with the {@link System#nanoTime()} of its arrival. */
@FunctionalInterface
public interface DeliveryListener {
    DeliveryListener NONE = (delivery, receivedNanos) -> {
    };

    void delivered(Delivery delivery, long receivedNanos);
}
