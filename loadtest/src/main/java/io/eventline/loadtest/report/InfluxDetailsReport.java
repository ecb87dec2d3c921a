package io.eventline.loadtest.report;

import io.eventline.loadtest.run.CallRecord;
import io.eventline.loadtest.run.RunResult;

import java.util.Map;

/** ghz's {@code -O influx-details}: an InfluxDB line per request, measurement {@code ghz_detail}. */
public final class InfluxDetailsReport implements Report {
    @Override
    public String render(RunResult result, Map<String, Object> options) {
        String tags = InfluxLines.tags(result, options);
        StringBuilder out = new StringBuilder();
        for (CallRecord call : result.calls()) {
            out.append("ghz_detail,").append(tags)
                    .append(",hasError=").append(!call.error().isEmpty())
                    .append(" latency=").append(call.latencyNanos())
                    .append(",error=").append(InfluxLines.fieldString(call.error()))
                    .append(",status=").append(InfluxLines.fieldString(call.status()))
                    .append(' ').append(InfluxLines.timestamp(result.date().plusNanos(call.startOffsetNanos())))
                    .append('\n');
        }
        return out.toString();
    }
}
