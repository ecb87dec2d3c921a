package io.eventline.loadtest.report;

import io.eventline.loadtest.run.CallRecord;
import io.eventline.loadtest.run.RunResult;

import java.util.Locale;
import java.util.Map;

/** One row per request, as ghz's CSV output (duration, status, error), then when it was due to start. */
public final class CsvReport implements Report {
    static final String HEADER = "duration (ms),status,error,start (ms)";

    @Override
    public String render(RunResult result, Map<String, Object> options) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (CallRecord call : result.calls()) {
            out.append(String.format(Locale.ROOT, "%.2f,%s,%s,%.3f%n",
                    call.latencyNanos() / 1e6, quote(call.status()), quote(call.error()), call.startOffsetNanos() / 1e6));
        }
        return out.toString();
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
