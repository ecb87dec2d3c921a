package io.eventline.client.append;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where an append's events landed: their versions in the stream, their {@code $all} positions (one
 * per event, opaque resume tokens), when Redis stored them, and whether this is the result of an
 * earlier append with the same event ids (a retry: nothing was written this time).
 */
public record AppendResult(long firstVersion, long lastVersion, List<String> positions, Instant recordedAt, boolean deduplicated) {
    public AppendResult {
        positions = List.copyOf(positions);
        requireNonNull(recordedAt, "recordedAt is null");
    }
}
