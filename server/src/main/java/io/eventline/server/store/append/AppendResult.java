package io.eventline.server.store.append;

import io.eventline.server.store.Position;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of an append: the versions and $all positions of its events. {@code deduplicated}
 * says the events were already stored by an earlier append with the same ids, whose result this is.
 */
public record AppendResult(long firstVersion, long lastVersion, List<Position> positions, boolean deduplicated) {
    public AppendResult {
        positions = List.copyOf(positions);
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("an append result has at least one position");
        }
    }

    public Instant recordedAt() {
        return positions.get(0).recordedAt();
    }
}
