package io.eventline.server.store.subscribe;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A consumer group as stored: its name, what it reads, its settings. */
public record GroupDefinition(String name, SubscriptionTarget target, GroupSettings settings, Instant createdAt) {
    public GroupDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(target, "target is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
