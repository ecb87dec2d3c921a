package io.eventline.server.faults;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What appenders sent and what the store acknowledged, by stream. One appender writes its own
 * ledger; the ledgers are merged once the appenders stopped.
 */
final class AppendLedger {
    private final Map<String, List<String>> attempted = new LinkedHashMap<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final List<String> unexpectedErrors = new ArrayList<>();
    private long retries;

    void attempted(String stream, List<String> eventIds) {
        attempted.computeIfAbsent(stream, key -> new ArrayList<>()).addAll(eventIds);
    }

    void acknowledged(List<String> eventIds) {
        acknowledged.addAll(eventIds);
    }

    void retried() {
        retries++;
    }

    void unexpected(String error) {
        unexpectedErrors.add(error);
    }

    void addAll(AppendLedger other) {
        other.attempted.forEach(this::attempted);
        acknowledged.addAll(other.acknowledged);
        unexpectedErrors.addAll(other.unexpectedErrors);
        retries += other.retries;
    }

    Set<String> streams() {
        return attempted.keySet();
    }

    /** Every event id sent at least once, of every stream. */
    Set<String> attemptedIds() {
        Set<String> ids = new HashSet<>();
        attempted.values().forEach(ids::addAll);
        return ids;
    }

    Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    List<String> unexpectedErrors() {
        return List.copyOf(unexpectedErrors);
    }

    long retries() {
        return retries;
    }
}
