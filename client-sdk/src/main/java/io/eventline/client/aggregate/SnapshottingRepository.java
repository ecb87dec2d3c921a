package io.eventline.client.aggregate;

import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineException;
import io.eventline.client.admin.Snapshot;
import io.eventline.client.append.AppendResult;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.serialization.EventCodec;
import io.eventline.client.serialization.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A repository for long-lived aggregates: loads the latest snapshot and replays only the events
 * after it; saves a snapshot (with the server's snapshot calls) each time a save crosses a multiple
 * of {@code snapshotEvery} events. A snapshot is a cache: a failure to save one is logged, and an
 * unreadable one is ignored in favour of a full replay.
 */
public final class SnapshottingRepository<A extends Aggregate> implements Repository<A> {
    private static final Logger log = LoggerFactory.getLogger(SnapshottingRepository.class);

    private final EventlineClient client;
    private final AggregateType<A> type;
    private final SnapshotCodec<A> snapshots;
    private final int snapshotEvery;
    private final AggregateEvents events;

    public SnapshottingRepository(EventlineClient client, EventCodec codec, AggregateType<A> type, SnapshotCodec<A> snapshots, int snapshotEvery) {
        this.client = requireNonNull(client, "client is null");
        this.type = requireNonNull(type, "type is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.events = new AggregateEvents(client, codec);
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1: " + snapshotEvery);
        }
        this.snapshotEvery = snapshotEvery;
    }

    @Override
    public Optional<A> load(String id) {
        String stream = type.streamName(id);
        A aggregate = client.streams().loadSnapshot(stream).flatMap(snapshot -> restore(id, snapshot)).orElseGet(() -> type.factory().create(id));
        ReadOptions tail = aggregate.version() == 0 ? ReadOptions.forwards() : ReadOptions.forwards().fromVersion(aggregate.version() + 1);
        if (!events.replay(aggregate, stream, tail) || aggregate.version() == 0) {
            return Optional.empty();
        }
        return Optional.of(aggregate);
    }

    @Override
    public Optional<AppendResult> save(A aggregate) {
        long before = aggregate.version();
        Optional<AppendResult> result = events.append(aggregate, type.streamName(aggregate.id()));
        if (result.isPresent() && aggregate.version() / snapshotEvery > before / snapshotEvery) {
            saveSnapshot(aggregate);
        }
        return result;
    }

    private Optional<A> restore(String id, Snapshot snapshot) {
        try {
            A aggregate = snapshots.decode(id, snapshot.data());
            aggregate.restoredAt(snapshot.version());
            return Optional.of(aggregate);
        }
        catch (SerializationException e) {
            log.warn("Ignoring the unreadable snapshot of {} at version {}; replaying all events: {}", snapshot.stream(), snapshot.version(), e.toString());
            return Optional.empty();
        }
    }

    private void saveSnapshot(A aggregate) {
        String stream = type.streamName(aggregate.id());
        try {
            client.streams().saveSnapshot(stream, aggregate.version(), snapshots.encode(aggregate), snapshots.contentType());
        }
        catch (EventlineException | SerializationException e) {
            log.warn("Could not save a snapshot of {} at version {}; the next crossing tries again: {}", stream, aggregate.version(), e.toString());
        }
    }
}
