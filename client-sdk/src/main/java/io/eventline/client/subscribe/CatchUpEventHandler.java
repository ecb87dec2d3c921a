package io.eventline.client.subscribe;

import io.eventline.client.RecordedEvent;

/**
 * Handles a catch-up subscription's events in order. A thrown exception stops the subscription at the last handled event,
 * except an {@link io.eventline.client.serialization.UndecodableEventException} under {@link UndecodableEventPolicy#SKIP}.
 */
@FunctionalInterface
public interface CatchUpEventHandler {
    void handle(RecordedEvent event) throws Exception;
}
