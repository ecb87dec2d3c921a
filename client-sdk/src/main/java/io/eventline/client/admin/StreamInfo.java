package io.eventline.client.admin;

import java.time.Instant;

/**
 * A stream's state: its version (the last event ever appended; versions are never reused), how
 * many events it still stores and from which version, its first and last positions, its retention.
 */
public record StreamInfo(String stream, StreamState state, long version, long eventCount, long firstVersion, String firstPosition,
        String lastPosition, Instant createdAt, StreamRetention retention) {
}
