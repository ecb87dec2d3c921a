package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** What a subscription delivers: one stream, or $all narrowed to categories and event types (empty sets: everything). */
public record SubscriptionTarget(Optional<StreamName> stream, Set<String> categories, Set<String> eventTypes) {
    public SubscriptionTarget {
        requireNonNull(stream, "stream is null");
        categories = Set.copyOf(categories);
        eventTypes = Set.copyOf(eventTypes);
    }

    public static SubscriptionTarget stream(StreamName stream) {
        return new SubscriptionTarget(Optional.of(stream), Set.of(), Set.of());
    }

    public static SubscriptionTarget all(Set<String> categories, Set<String> eventTypes) {
        return new SubscriptionTarget(Optional.empty(), categories, eventTypes);
    }

    public boolean isAll() {
        return stream.isEmpty();
    }

    /** Whether an event of this stream and type is delivered. */
    public boolean matches(StreamName eventStream, String type) {
        if (stream.isPresent()) {
            return stream.get().equals(eventStream);
        }
        return (categories.isEmpty() || categories.contains(eventStream.category()))
                && (eventTypes.isEmpty() || eventTypes.contains(type));
    }

    /** "order-1" or "$all". */
    public String describe() {
        return stream.map(StreamName::value).orElse("$all");
    }
}
