package io.eventline.server.store.subscribe;

import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.StreamScope;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a subscription delivers: one stream, or $all narrowed to categories, event types and stream
 * name prefixes (empty sets: everything).
 */
public record SubscriptionTarget(Optional<StreamName> stream, Set<String> categories, Set<String> eventTypes, Set<String> streamPrefixes) {
    private static final int MAX_FILTER_BYTES = StreamName.MAX_BYTES;

    public SubscriptionTarget {
        requireNonNull(stream, "stream is null");
        categories = Set.copyOf(categories);
        eventTypes = Set.copyOf(eventTypes);
        streamPrefixes = Set.copyOf(streamPrefixes);
    }

    public static SubscriptionTarget stream(StreamName stream) {
        return new SubscriptionTarget(Optional.of(stream), Set.of(), Set.of(), Set.of());
    }

    public static SubscriptionTarget all(Set<String> categories, Set<String> eventTypes, Set<String> streamPrefixes) {
        return new SubscriptionTarget(Optional.empty(), categories, eventTypes, streamPrefixes);
    }

    /** $all with filters a client sent, each checked like a stream name (a bad one could widen or break a group). */
    public static SubscriptionTarget requestedAll(Collection<String> categories, Collection<String> eventTypes, Collection<String> streamPrefixes,
            String field) {
        return all(checked(categories, field + ".categories"), checked(eventTypes, field + ".event_types"),
                checked(streamPrefixes, field + ".stream_prefixes"));
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
                && (eventTypes.isEmpty() || eventTypes.contains(type))
                && (streamPrefixes.isEmpty() || streamPrefixes.stream().anyMatch(eventStream.value()::startsWith));
    }

    /** Whether everything this target can deliver lies inside {@code scope}. */
    public boolean within(StreamScope scope) {
        return stream.map(scope::covers).orElseGet(() -> scope.coversPrefixes(streamPrefixes));
    }

    /** $all as a scoped caller means it: only the streams of its prefixes, unless it named prefixes itself. */
    public SubscriptionTarget narrowedTo(StreamScope scope) {
        if (stream.isPresent() || scope.isUnrestricted() || !streamPrefixes.isEmpty()) {
            return this;
        }
        return all(categories, eventTypes, Set.copyOf(scope.prefixes()));
    }

    /** "order-1" or "$all". */
    public String describe() {
        return stream.map(StreamName::value).orElse("$all");
    }

    private static Set<String> checked(Collection<String> values, String field) {
        Set<String> checked = new LinkedHashSet<>();
        int index = 0;
        for (String value : values) {
            String where = field + "[" + index++ + "]";
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_FILTER_BYTES) {
                throw new InvalidArgumentException(where, "must be 1 to " + MAX_FILTER_BYTES + " bytes");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidArgumentException(where, "must not contain control characters");
            }
            checked.add(value);
        }
        return checked;
    }
}
