package io.eventline.server.store.subscribe;

import io.eventline.server.store.Position;

import java.time.Instant;

/** Where a group or a catch-up subscription begins. */
public sealed interface SubscriptionStart {
    record Beginning() implements SubscriptionStart {
    }

    record End() implements SubscriptionStart {
    }

    /** A stream's first delivered version. */
    record AtVersion(long version) implements SubscriptionStart {
    }

    /** $all's first delivered position (inclusive). */
    record AtPosition(Position position) implements SubscriptionStart {
    }

    /** The first event recorded at or after this instant. */
    record AtTime(Instant time) implements SubscriptionStart {
    }
}
