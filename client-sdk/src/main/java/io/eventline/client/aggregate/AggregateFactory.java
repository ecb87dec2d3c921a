package io.eventline.client.aggregate;

/** Makes an aggregate in its initial state, before any event. */
@FunctionalInterface
public interface AggregateFactory<A extends Aggregate> {
    A create(String id);
}
