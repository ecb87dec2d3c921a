package io.eventline.client.subscribe;

/**
 * What a subscription does when its handler throws
 * {@link io.eventline.client.serialization.UndecodableEventException} (an
 * {@link io.eventline.client.dispatch.EventDispatcher} does, for an event its codec cannot decode).
 * Decoding fails the same way every time, so retrying never helps; the choice is what to lose.
 */
public enum UndecodableEventPolicy {
    /**
     * End the subscription: its {@code termination()} completes with the exception (stream, version,
     * type, decode error). Nothing is lost; nothing moves until the event or the code is fixed. The
     * default of catch-up subscriptions and projections. In a consumer group the delivery stays
     * unsettled and goes to a consumer again after the ack timeout.
     */
    STOP,
    /** Log the exception at WARN and go on (a group acks the event). The event's effect is lost. */
    SKIP,
    /**
     * Consumer groups only: park the delivery with the exception's message as the reason, and go on.
     * It waits in the group's parked list until {@code groups().replayParked(...)} delivers it again
     * (after the codec is fixed). The default of group subscriptions.
     */
    PARK
}
