package io.eventline.client.subscribe;

import io.eventline.proto.v1.AllTarget;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a subscription (or consumer group) receives: one stream, or {@code $all}, optionally
 * narrowed to stream categories (the text before a stream name's first {@code -}) and event types.
 */
public final class SubscriptionTarget {
    private final Optional<String> stream;
    private final List<String> categories;
    private final List<String> eventTypes;

    private SubscriptionTarget(Optional<String> stream, List<String> categories, List<String> eventTypes) {
        this.stream = stream;
        this.categories = List.copyOf(categories);
        this.eventTypes = List.copyOf(eventTypes);
    }

    public static SubscriptionTarget stream(String stream) {
        return new SubscriptionTarget(Optional.of(requireNonNull(stream, "stream is null")), List.of(), List.of());
    }

    /** Every stream, in global order. */
    public static SubscriptionTarget all() {
        return new SubscriptionTarget(Optional.empty(), List.of(), List.of());
    }

    /** Every stream of these categories: {@code categories("order")} receives {@code order-1}, {@code order-2}, ... */
    public static SubscriptionTarget categories(String... categories) {
        return new SubscriptionTarget(Optional.empty(), List.of(categories), List.of());
    }

    /** This {@code $all} target, narrowed to these event types. */
    public SubscriptionTarget withEventTypes(String... types) {
        if (stream.isPresent()) {
            throw new IllegalStateException("event type filters apply to $all targets; a stream target receives all of its events");
        }
        return new SubscriptionTarget(stream, categories, List.of(types));
    }

    /** The stream, or empty for {@code $all}. */
    public Optional<String> streamName() {
        return stream;
    }

    /** The wire form of an {@code $all} target. */
    public AllTarget toAllTarget() {
        return AllTarget.newBuilder().addAllCategories(categories).addAllEventTypes(eventTypes).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriptionTarget that && stream.equals(that.stream) && categories.equals(that.categories) && eventTypes.equals(that.eventTypes);
    }

    @Override
    public int hashCode() {
        return stream.hashCode() * 961 + categories.hashCode() * 31 + eventTypes.hashCode();
    }

    @Override
    public String toString() {
        return stream.orElseGet(() -> "$all" + (categories.isEmpty() ? "" : " categories " + categories) + (eventTypes.isEmpty() ? "" : " types " + eventTypes));
    }
}
