package io.eventline.client.aggregate;

import static java.util.Objects.requireNonNull;

/**
 * A kind of aggregate: its stream category and how to make an empty one. Aggregate {@code 42} of
 * category {@code order} lives in stream {@code order-42}, so category subscriptions see all orders.
 */
public record AggregateType<A extends Aggregate>(String category, AggregateFactory<A> factory) {
    public AggregateType {
        requireNonNull(category, "category is null");
        requireNonNull(factory, "factory is null");
        if (category.isEmpty() || category.contains("-")) {
            throw new IllegalArgumentException("a category is the text before a stream name's first '-': '" + category + "'");
        }
    }

    public String streamName(String id) {
        return category + "-" + requireNonNull(id, "id is null");
    }

    /** The aggregate id of one of this type's streams: {@code 42} for {@code order-42}. */
    public String idOf(String stream) {
        String prefix = category + "-";
        if (!stream.startsWith(prefix) || stream.length() == prefix.length()) {
            throw new IllegalArgumentException("stream '" + stream + "' is not of category '" + category + "'");
        }
        return stream.substring(prefix.length());
    }
}
