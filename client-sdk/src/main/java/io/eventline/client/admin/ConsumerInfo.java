package io.eventline.client.admin;

import java.time.Duration;

/** A consumer of a group: its unsettled deliveries and how long since it last read. */
public record ConsumerInfo(String name, long pending, Duration idle) {
}
