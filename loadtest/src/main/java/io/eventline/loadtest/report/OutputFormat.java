package io.eventline.loadtest.report;

import java.util.Locale;

/** ghz's {@code -O}: the report formats. */
public enum OutputFormat {
    SUMMARY(new SummaryReport()),
    JSON(new JsonReport()),
    CSV(new CsvReport()),
    HTML(new HtmlReport());

    private final Report report;

    OutputFormat(Report report) {
        this.report = report;
    }

    public Report report() {
        return report;
    }

    /** The CSV lists every request, so only it needs the per-request log. */
    public boolean needsCallLog() {
        return this == CSV;
    }

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output format must be summary, json, csv or html, is '" + text + "'");
        }
    }
}
