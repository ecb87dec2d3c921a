package io.eventline.client.projection;

import io.eventline.client.RecordedEvent;

/**
 * Updates a read model for one event. After a crash events since the last stored checkpoint are
 * applied again, so make applying idempotent (e.g. skip events at or below a stored version).
 */
@FunctionalInterface
public interface Projection {
    void apply(RecordedEvent event) throws Exception;
}
