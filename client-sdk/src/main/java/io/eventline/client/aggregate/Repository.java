package io.eventline.client.aggregate;

import io.eventline.client.append.AppendResult;

import java.util.Optional;

/** Loads aggregates and saves their new events with optimistic concurrency. */
public interface Repository<A extends Aggregate> {
    /** The aggregate's current state, or empty if it has no events. */
    Optional<A> load(String id);

    /**
     * Appends the aggregate's uncommitted events, expecting its stream to be at the version it was
     * loaded at; empty when there was nothing to save. Throws
     * {@link io.eventline.client.append.WrongExpectedVersionException} when someone else saved
     * first: load again, repeat the command, save again.
     */
    Optional<AppendResult> save(A aggregate);
}
