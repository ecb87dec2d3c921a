package io.eventline.server.store.read;

import io.eventline.server.store.RecordedEvent;

import java.util.List;

/** One batch of a read; {@code last} says there is nothing after it. */
public record ReadPage(List<RecordedEvent> events, boolean last) {
    public ReadPage {
        events = List.copyOf(events);
    }
}
