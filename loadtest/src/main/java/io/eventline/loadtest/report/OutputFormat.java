package io.eventline.loadtest.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** ghz's {@code -O}: the report formats, by ghz's names. */
public enum OutputFormat {
    SUMMARY("summary", new SummaryReport(), false),
    CSV("csv", new CsvReport(), true),
    JSON("json", JsonReport.compact(), true),
    PRETTY("pretty", JsonReport.pretty(), true),
    HTML("html", new HtmlReport(), false),
    INFLUX_SUMMARY("influx-summary", new InfluxSummaryReport(), false),
    INFLUX_DETAILS("influx-details", new InfluxDetailsReport(), true),
    PROMETHEUS("prometheus", new PrometheusReport(), false);

    private final String ghzName;
    private final Report report;
    private final boolean needsCallLog;

    OutputFormat(String ghzName, Report report, boolean needsCallLog) {
        this.ghzName = ghzName;
        this.report = report;
        this.needsCallLog = needsCallLog;
    }

    public Report report() {
        return report;
    }

    /** True for the formats that list every request. */
    public boolean needsCallLog() {
        return needsCallLog;
    }

    public static OutputFormat parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.ghzName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("output format must be one of "
                        + Arrays.stream(values()).map(format -> format.ghzName).collect(Collectors.joining(", ")) + ", is '" + text + "'"));
    }
}
