package io.eventline.loadtest.run;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a run measured. {@code count} requests finished, their latencies adding up to
 * {@code latencySumNanos}; {@code histogram} holds the latencies the fastest, slowest, histogram and
 * percentiles are read from, in nanoseconds (see {@link RecordingRules}). {@code items} counts the
 * events the successful requests carried.
 */
public record RunResult(
        String name,
        Instant date,
        EndReason endReason,
        Duration total,
        Histogram histogram,
        long count,
        long latencySumNanos,
        Map<String, Long> statusCounts,
        Map<String, Long> errorCounts,
        long items,
        List<TimelinePoint> timeline,
        List<CallRecord> calls,
        long callsNotLogged) {
    public RunResult {
        requireNonNull(name, "name is null");
        requireNonNull(date, "date is null");
        requireNonNull(endReason, "endReason is null");
        requireNonNull(total, "total is null");
        requireNonNull(histogram, "histogram is null");
        statusCounts = Map.copyOf(requireNonNull(statusCounts, "statusCounts is null"));
        errorCounts = Map.copyOf(requireNonNull(errorCounts, "errorCounts is null"));
        timeline = List.copyOf(requireNonNull(timeline, "timeline is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
    }


    public long successes() {
        return statusCounts.getOrDefault(Outcome.OK, 0L);
    }

    public long failures() {
        return count() - successes();
    }

    public double requestsPerSecond() {
        return perSecond(count());
    }

    public double itemsPerSecond() {
        return perSecond(items);
    }

    public long fastestNanos() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMinValue();
    }

    public long slowestNanos() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue();
    }

    /** Over every request, failed ones included, as ghz's average. */
    public double averageNanos() {
        return count == 0 ? 0 : (double) latencySumNanos / count;
    }

    public long percentileNanos(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    private double perSecond(long amount) {
        long nanos = total.toNanos();
        return nanos == 0 ? 0 : amount * 1e9 / nanos;
    }
}
