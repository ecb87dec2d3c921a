package io.eventline.server.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outcome of one fault run: the line it prints and the invariants it asserts.
 *
 * @param appended events sent at least once
 * @param acknowledged events the store acknowledged
 * @param lost acknowledged events missing from the store
 * @param duplicated events stored more than once
 * @param redelivered group deliveries of an event delivered before
 * @param stranded entries still pending or parked in a group once the consumers had settled everything
 * @param details fault-specific counts, printed after the common ones
 * @param problems every broken invariant, in words
 */
record FaultSummary(String fault, long appended, long acknowledged, long lost, long duplicated, long redelivered, long stranded,
        Map<String, Long> details, List<String> problems) {
    FaultSummary {
        details = new LinkedHashMap<>(details);
        problems = List.copyOf(problems);
    }

    String line() {
        StringBuilder line = new StringBuilder("FAULT ").append(fault).append(':')
                .append(" appended=").append(appended)
                .append(" acknowledged=").append(acknowledged)
                .append(" lost=").append(lost)
                .append(" duplicated=").append(duplicated)
                .append(" redelivered=").append(redelivered)
                .append(" stranded=").append(stranded);
        details.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        return line.toString();
    }

    void assertInvariantsHeld() {
        assertTrue(problems.isEmpty() && lost == 0 && duplicated == 0 && stranded == 0, () -> line() + "\n  " + String.join("\n  ", problems));
    }
}
