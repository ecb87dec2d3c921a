package io.eventline.loadtest.run;

/**
 * What a run's report keeps: {@code callLogCapacity} requests one by one (0: none), after leaving
 * out the first {@code skipFirst} responses (ghz's {@code --skipFirst}, for warm-up); with
 * {@code countErrors} false, failed requests count in the totals and the average but not in the
 * fastest, slowest, histogram and percentiles (ghz's default, changed by {@code --count-errors}).
 */
public record RecordingRules(int callLogCapacity, long skipFirst, boolean countErrors) {
    public RecordingRules {
        if (callLogCapacity < 0) {
            throw new IllegalArgumentException("callLogCapacity must not be negative");
        }
        if (skipFirst < 0) {
            throw new IllegalArgumentException("--skipFirst must not be negative");
        }
    }

    /** Every response, failed ones in every figure: what the scenarios compare. */
    public static RecordingRules everyResponse(int callLogCapacity) {
        return new RecordingRules(callLogCapacity, 0, true);
    }
}
