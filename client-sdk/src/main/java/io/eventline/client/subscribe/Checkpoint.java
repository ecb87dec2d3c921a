package io.eventline.client.subscribe;

import io.eventline.client.RecordedEvent;

import static java.util.Objects.requireNonNull;

/**
 * How far a catch-up subscription got: the last event it handled, by stream version (what a
 * stream subscription resumes after) and {@code $all} position (what an {@code $all} one resumes after).
 */
public record Checkpoint(String stream, long version, String position) {
    public Checkpoint {
        requireNonNull(stream, "stream is null");
        requireNonNull(position, "position is null");
    }

    public static Checkpoint of(RecordedEvent event) {
        return new Checkpoint(event.stream(), event.version(), event.position());
    }
}
