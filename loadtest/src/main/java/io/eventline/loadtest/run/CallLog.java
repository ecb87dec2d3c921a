package io.eventline.loadtest.run;

import java.util.ArrayList;
import java.util.List;

/** Keeps every request's record, up to a cap so a long run cannot exhaust the heap. */
final class CallLog {
    private final int capacity;
    private final List<CallRecord> records = new ArrayList<>();
    private long dropped;

    CallLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    synchronized void add(CallRecord record) {
        if (records.size() < capacity) {
            records.add(record);
        }
        else {
            dropped++;
        }
    }

    synchronized List<CallRecord> snapshot() {
        return List.copyOf(records);
    }

    synchronized long dropped() {
        return dropped;
    }
}
