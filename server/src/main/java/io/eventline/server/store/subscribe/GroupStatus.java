package io.eventline.server.store.subscribe;

import java.time.Duration;
import java.util.List;

/** A group's state: undelivered entries, unsettled deliveries, consumers, parked messages. */
public record GroupStatus(GroupDefinition group, long lag, long pending, Duration oldestPendingAge, List<ConsumerStatus> consumers, long parked) {
    public GroupStatus {
        consumers = List.copyOf(consumers);
    }

    public record ConsumerStatus(String name, long pending, Duration idle) {
    }
}
