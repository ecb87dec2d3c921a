package io.eventline.client.aggregate;

import io.eventline.client.EventlineClient;
import io.eventline.client.append.AppendResult;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.serialization.EventCodec;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A repository that loads an aggregate by replaying all of its events. It can also load an
 * aggregate as it was (time travel): at a version, or at an instant.
 */
public final class EventSourcedRepository<A extends Aggregate> implements Repository<A> {
    private final AggregateType<A> type;
    private final AggregateEvents events;

    public EventSourcedRepository(EventlineClient client, EventCodec codec, AggregateType<A> type) {
        this.type = requireNonNull(type, "type is null");
        this.events = new AggregateEvents(client, codec);
    }

    @Override
    public Optional<A> load(String id) {
        return load(id, ReadOptions.forwards());
    }

    /** The aggregate as it was after its event {@code version}. */
    public Optional<A> loadAtVersion(String id, long version) {
        return load(id, ReadOptions.forwards().maxCount(version));
    }

    /** The aggregate as it was at {@code instant}: only the events recorded at or before it. */
    public Optional<A> loadAsOf(String id, Instant instant) {
        return load(id, ReadOptions.forwards().until(instant));
    }

    @Override
    public Optional<AppendResult> save(A aggregate) {
        return events.append(aggregate, type.streamName(aggregate.id()));
    }

    private Optional<A> load(String id, ReadOptions options) {
        A aggregate = type.factory().create(id);
        if (!events.replay(aggregate, type.streamName(id), options) || aggregate.version() == 0) {
            return Optional.empty();
        }
        return Optional.of(aggregate);
    }
}
