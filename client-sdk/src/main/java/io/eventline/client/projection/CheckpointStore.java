package io.eventline.client.projection;

import io.eventline.client.subscribe.Checkpoint;

import java.util.Optional;

/** Where a projection keeps how far it got, so that a restart resumes there instead of at the beginning. */
public interface CheckpointStore {
    Optional<Checkpoint> load(String projection);

    void save(String projection, Checkpoint checkpoint);
}
