package io.eventline.client.aggregate;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An event-sourced aggregate: its state is the result of applying its events in order. Commands
 * are methods of the subclass that check the rules and {@link #raise} events; {@link #apply}
 * changes the state for an event (and nothing else: it also runs when the aggregate is loaded).
 */
public abstract class Aggregate {
    private final String id;
    private final List<Object> uncommitted = new ArrayList<>();
    private long version;

    protected Aggregate(String id) {
        this.id = requireNonNull(id, "id is null");
    }

    public final String id() {
        return id;
    }

    /** The version of the last stored event this state includes (0: none); what a save expects the stream to be at. */
    public final long version() {
        return version;
    }

    /** Events raised since the aggregate was loaded or saved, in order. */
    public final List<Object> uncommittedEvents() {
        return List.copyOf(uncommitted);
    }

    /** Records a new event: applies it to the state and keeps it for the next save. */
    protected final void raise(Object event) {
        apply(requireNonNull(event, "event is null"));
        uncommitted.add(event);
    }

    /** Changes the state for one event. */
    protected abstract void apply(Object event);

    /** A stored event, during loading. */
    final void replay(Object event, long eventVersion) {
        if (!uncommitted.isEmpty()) {
            throw new IllegalStateException("cannot replay stored events into " + id + " while it has unsaved events");
        }
        apply(event);
        version = eventVersion;
    }

    /** The state came from a snapshot taken at {@code snapshotVersion}. */
    final void restoredAt(long snapshotVersion) {
        version = snapshotVersion;
    }

    /** The uncommitted events were stored; the stream is now at {@code newVersion}. */
    final void committed(long newVersion) {
        uncommitted.clear();
        version = newVersion;
    }
}
