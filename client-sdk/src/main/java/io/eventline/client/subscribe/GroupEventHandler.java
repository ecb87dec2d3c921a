package io.eventline.client.subscribe;

/**
 * Handles a consumer group's deliveries, one at a time, in delivery order. Return normally to ack;
 * throw to have the delivery retried after a backoff that grows with its delivery count; call
 * {@link GroupDelivery#park(String)} to park it; throw
 * {@link io.eventline.client.serialization.UndecodableEventException} for an event that cannot be
 * decoded, and the settings' {@link UndecodableEventPolicy} decides (park, by default). Delivery is at least once: make handling
 * idempotent (a crash between handling and the ack delivers the event again).
 */
@FunctionalInterface
public interface GroupEventHandler {
    void handle(GroupDelivery delivery) throws Exception;
}
