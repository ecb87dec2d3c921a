package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ghz's {@code -O prometheus}: the summary in the Prometheus text format, under ghz's names
 * ({@code ghz_run_count}, {@code ghz_run_average}, {@code ghz_run_histogram}, {@code ghz_run_latency}
 * ...), durations in nanoseconds, each series labelled with the run's options.
 */
public final class PrometheusReport implements Report {
    @Override
    public String render(RunResult result, Map<String, Object> options) {
        String labels = RunLabels.of(result, options).entrySet().stream()
                .map(label -> label.getKey() + "=\"" + escape(label.getValue()) + "\"")
                .collect(Collectors.joining(","));
        StringBuilder out = new StringBuilder();
        gauge(out, "ghz_run_count", labels, result.count());
        gauge(out, "ghz_run_total", labels, result.total().toNanos());
        gauge(out, "ghz_run_average", labels, Math.round(result.averageNanos()));
        gauge(out, "ghz_run_fastest", labels, result.fastestNanos());
        gauge(out, "ghz_run_slowest", labels, result.slowestNanos());
        gauge(out, "ghz_run_rps", labels, result.requestsPerSecond());

        out.append("# TYPE ghz_run_histogram histogram\n");
        long cumulative = 0;
        for (HistogramBucket bucket : HistogramBuckets.of(result.histogram(), HistogramBuckets.DEFAULT_BUCKETS)) {
            cumulative += bucket.count();
            sample(out, "ghz_run_histogram_bucket", labels + ",le=\"" + number(bucket.markNanos() / 1e9) + "\"", cumulative);
        }
        sample(out, "ghz_run_histogram_bucket", labels + ",le=\"+Inf\"", result.histogram().getTotalCount());
        sample(out, "ghz_run_histogram_sum", labels, result.total().toNanos());
        sample(out, "ghz_run_histogram_count", labels, result.histogram().getTotalCount());

        out.append("# TYPE ghz_run_latency summary\n");
        for (LatencyPercentile percentile : LatencyDistribution.of(result.histogram())) {
            sample(out, "ghz_run_latency", labels + ",quantile=\"" + number(percentile.percentage() / 100) + "\"", percentile.latencyNanos());
        }
        sample(out, "ghz_run_latency_sum", labels, result.total().toNanos());
        sample(out, "ghz_run_latency_count", labels, result.count());

        gauge(out, "ghz_run_errors", labels, result.failures());
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String labels, double value) {
        out.append("# TYPE ").append(name).append(" gauge\n");
        sample(out, name, labels, value);
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
