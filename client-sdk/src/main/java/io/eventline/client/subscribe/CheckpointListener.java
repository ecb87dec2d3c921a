package io.eventline.client.subscribe;

/** Told where a catch-up subscription got to, so it can resume there: every N events, when caught up, when idle, and on close. */
@FunctionalInterface
public interface CheckpointListener {
    void checkpointReached(Checkpoint checkpoint) throws Exception;
}
