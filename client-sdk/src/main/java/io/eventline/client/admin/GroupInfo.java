package io.eventline.client.admin;

import java.time.Instant;
import java.util.List;

/** A consumer group's definition: its stream ({@code $all} for all streams) and filters, settings, creation time. */
public record GroupInfo(String group, String stream, List<String> categories, List<String> eventTypes, GroupSettings settings, Instant createdAt) {
    public GroupInfo {
        categories = List.copyOf(categories);
        eventTypes = List.copyOf(eventTypes);
    }
}
