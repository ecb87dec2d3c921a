package io.eventline.client.projection;

import io.eventline.client.subscribe.Checkpoint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints for read models that live in memory too: both start over with the process. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<Checkpoint> load(String projection) {
        return Optional.ofNullable(checkpoints.get(projection));
    }

    @Override
    public void save(String projection, Checkpoint checkpoint) {
        checkpoints.put(projection, checkpoint);
    }
}
