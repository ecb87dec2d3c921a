package io.eventline.client.admin;

import java.time.Duration;
import java.util.List;

/**
 * How a consumer group is doing: {@code lag} entries not yet delivered, {@code pending} delivered
 * but unsettled (the oldest for {@code oldestPendingAge}), its consumers, and {@code parked} messages.
 */
public record GroupDescription(GroupInfo group, long lag, long pending, Duration oldestPendingAge, List<ConsumerInfo> consumers, long parked) {
    public GroupDescription {
        consumers = List.copyOf(consumers);
    }
}
