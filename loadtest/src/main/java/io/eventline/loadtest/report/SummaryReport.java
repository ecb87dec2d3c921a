package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text summary, laid out like ghz's. */
public final class SummaryReport implements Report {
    static final int BAR_WIDTH = 40;
    static final char BAR = '\u220E';

    @Override
    public String render(RunResult result, Map<String, Object> options) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append("Summary:\n");
        line(out, "Name", result.name());
        line(out, "Count", Long.toString(result.count()));
        line(out, "Total", Durations.elapsed(result.total().toNanos()));
        line(out, "Slowest", Durations.millis(result.slowestNanos()));
        line(out, "Fastest", Durations.millis(result.fastestNanos()));
        line(out, "Average", Durations.millis(result.averageNanos()));
        line(out, "Requests/sec", String.format(Locale.ROOT, "%.2f", result.requestsPerSecond()));
        if (result.items() != result.successes()) {
            line(out, "Events/sec", String.format(Locale.ROOT, "%.2f", result.itemsPerSecond()));
        }

        out.append("\nResponse time histogram:\n");
        List<HistogramBucket> buckets = HistogramBuckets.of(result.histogram(), HistogramBuckets.DEFAULT_BUCKETS);
        long largest = buckets.stream().mapToLong(HistogramBucket::count).max().orElse(0);
        int countWidth = buckets.stream().mapToInt(bucket -> Long.toString(bucket.count()).length()).max().orElse(1);
        for (HistogramBucket bucket : buckets) {
            int bar = largest == 0 ? 0 : (int) Math.round((double) bucket.count() * BAR_WIDTH / largest);
            out.append(String.format(Locale.ROOT, "  %-9s [%" + countWidth + "d]\t|%s%n",
                    Durations.millisPrecise(bucket.markNanos()), bucket.count(), String.valueOf(BAR).repeat(bar)));
        }

        out.append("\nLatency distribution:\n");
        for (LatencyPercentile percentile : LatencyDistribution.of(result.histogram())) {
            out.append("  ").append(Durations.percentage(percentile.percentage())).append(" % in ")
                    .append(Durations.millis(percentile.latencyNanos())).append('\n');
        }

        out.append("\nStatus code distribution:\n");
        result.statusCounts().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> out.append(String.format(Locale.ROOT, "  [%s]   %d responses%n", entry.getKey(), entry.getValue())));

        out.append("\nError distribution:\n");
        if (result.errorCounts().isEmpty()) {
            out.append("  (none)\n");
        }
        result.errorCounts().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> out.append(String.format(Locale.ROOT, "  [%d]   %s%n", entry.getValue(), entry.getKey())));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-14s%s%n", label + ":", value));
    }
}
