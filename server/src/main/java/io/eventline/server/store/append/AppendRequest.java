package io.eventline.server.store.append;

import io.eventline.server.store.ExpectedVersion;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** An append as a client asked for it. */
public record AppendRequest(String stream, ExpectedVersion expectedVersion, List<NewEvent> events) {
    public AppendRequest {
        requireNonNull(stream, "stream is null");
        requireNonNull(expectedVersion, "expectedVersion is null");
        events = List.copyOf(events);
    }
}
