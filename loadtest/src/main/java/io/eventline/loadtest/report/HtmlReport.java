package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.util.Locale;
import java.util.Map;

/** A self-contained HTML page: summary, options, the histogram and latency over time as inline SVG. */
public final class HtmlReport implements Report {
    @Override
    public String render(RunResult result, Map<String, Object> options) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(Html.escape("Eventline load test: " + result.name())).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}"
                        + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}th{background:#f2f2f2}"
                        + "td.n{text-align:right;font-variant-numeric:tabular-nums}</style>\n")
                .append("</head>\n<body>\n");
        page.append("<h1>").append(Html.escape(result.name())).append("</h1>\n");
        page.append("<p>").append(Html.escape(result.date().toString())).append("</p>\n");

        page.append("<h2>Summary</h2>\n<table>\n");
        row(page, "Count", Long.toString(result.count()));
        row(page, "Total", Durations.elapsed(result.total().toNanos()));
        row(page, "Slowest", Durations.millis(result.slowestNanos()));
        row(page, "Fastest", Durations.millis(result.fastestNanos()));
        row(page, "Average", Durations.millis(result.averageNanos()));
        row(page, "Requests/sec", String.format(Locale.ROOT, "%.2f", result.requestsPerSecond()));
        row(page, "Events/sec", String.format(Locale.ROOT, "%.2f", result.itemsPerSecond()));
        page.append("</table>\n");

        page.append("<h2>Response time histogram</h2>\n")
                .append(SvgCharts.histogram(HistogramBuckets.of(result.histogram(), HistogramBuckets.DEFAULT_BUCKETS)));
        page.append("<h2>Latency over time</h2>\n").append(SvgCharts.latencyOverTime(result.timeline()));

        page.append("<h2>Latency distribution</h2>\n<table>\n<tr><th>percentile</th><th>latency</th></tr>\n");
        for (LatencyPercentile percentile : LatencyDistribution.of(result.histogram())) {
            row(page, Durations.percentage(percentile.percentage()) + " %", Durations.millis(percentile.latencyNanos()));
        }
        page.append("</table>\n");

        page.append("<h2>Status code distribution</h2>\n<table>\n<tr><th>status</th><th>responses</th></tr>\n");
        result.statusCounts().forEach((status, count) -> row(page, status, Long.toString(count)));
        page.append("</table>\n");

        page.append("<h2>Error distribution</h2>\n<table>\n<tr><th>error</th><th>count</th></tr>\n");
        result.errorCounts().forEach((error, count) -> row(page, error, Long.toString(count)));
        page.append("</table>\n");

        page.append("<h2>Options</h2>\n<table>\n");
        options.forEach((name, value) -> row(page, name, String.valueOf(value)));
        page.append("</table>\n</body>\n</html>\n");
        return page.toString();
    }

    private static void row(StringBuilder page, String label, String value) {
        page.append("<tr><th>").append(Html.escape(label)).append("</th><td class=\"n\">").append(Html.escape(value)).append("</td></tr>\n");
    }
}
