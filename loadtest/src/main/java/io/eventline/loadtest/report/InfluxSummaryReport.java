package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.util.Locale;
import java.util.Map;

/** ghz's {@code -O influx-summary}: one InfluxDB line, measurement {@code ghz_run}, the options as tags. */
public final class InfluxSummaryReport implements Report {
    @Override
    public String render(RunResult result, Map<String, Object> options) {
        long errors = result.failures();
        return "ghz_run," + InfluxLines.tags(result, options)
                + ",errors=" + errors + ",has_errors=" + (errors > 0)
                + " count=" + result.count()
                + ",total=" + result.total().toNanos()
                + ",average=" + Math.round(result.averageNanos())
                + ",fastest=" + result.fastestNanos()
                + ",slowest=" + result.slowestNanos()
                + ",rps=" + String.format(Locale.ROOT, "%.2f", result.requestsPerSecond())
                + ",median=" + result.percentileNanos(50)
                + ",p95=" + result.percentileNanos(95)
                + ",errors=" + errors
                + " " + InfluxLines.timestamp(result.date()) + "\n";
    }
}
