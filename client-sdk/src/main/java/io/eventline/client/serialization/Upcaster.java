package io.eventline.client.serialization;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rewrites a stored event's JSON from one schema version to the next (e.g. fills in a field added later). */
@FunctionalInterface
public interface Upcaster {
    ObjectNode upcast(ObjectNode event);
}
