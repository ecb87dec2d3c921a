package io.eventline.server.faults;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What one consumer group's workers received and got acknowledged, shared by the group's workers. */
final class GroupLedger {
    private final String group;
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();

    GroupLedger(String group) {
        this.group = group;
    }

    String group() {
        return group;
    }

    void delivered(String eventId) {
        deliveries.merge(eventId, 1, Integer::sum);
    }

    void acked(Iterable<String> eventIds) {
        eventIds.forEach(acked::add);
    }

    /** Deliveries of an event delivered before (after an ack timeout, a reconnect, a lost ack). */
    long redeliveries() {
        return deliveries.values().stream().mapToLong(count -> count - 1).sum();
    }

    /** The events of {@code expected} this group has not got acknowledged yet. */
    Set<String> unprocessed(Set<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(acked);
        return missing;
    }
}
