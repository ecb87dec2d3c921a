package io.eventline.server.store.streams;

import io.eventline.server.store.Position;

import java.time.Instant;
import java.util.Optional;

/** What a stream holds. The positions are empty when no event is stored. */
public record StreamInfo(
        String stream,
        StreamState state,
        long version,
        long eventCount,
        long firstVersion,
        Optional<Position> firstPosition,
        Optional<Position> lastPosition,
        Optional<Instant> createdAt,
        Retention retention) {
}
