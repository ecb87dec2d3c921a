package io.eventline.loadtest.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.eventline.loadtest.run.CallRecord;
import io.eventline.loadtest.run.EndReason;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.run.TimelinePoint;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {
    private static final Map<String, Object> OPTIONS = new LinkedHashMap<>(Map.of(
            "call", "eventline.v1.EventStoreService/AppendEvents",
            "concurrency", 5,
            "insecure", true,
            "tags", JsonParser.parseString("{\"env\":\"staging\"}")));
    private static final String ABORTED = "rpc error: code = Aborted desc = stream \"a,b\" is at 3";

    /** 100 requests of 1..100 ms over 2 s: 98 OK, 2 Aborted. */
    private static RunResult result() {
        Histogram histogram = new Histogram(3);
        List<CallRecord> calls = new ArrayList<>();
        long sum = 0;
        for (int i = 1; i <= 100; i++) {
            histogram.recordValue(i * 1_000_000L);
            sum += i * 1_000_000L;
            calls.add(new CallRecord(i * 20_000_000L, i * 1_000_000L, i > 98 ? "Aborted" : "OK", i > 98 ? ABORTED : ""));
        }
        return new RunResult(
                "eventline.v1.EventStoreService/AppendEvents",
                Instant.parse("2026-01-02T03:04:05Z"),
                EndReason.NORMAL,
                Duration.ofSeconds(2),
                histogram,
                100,
                sum,
                Map.of("OK", 98L, "Aborted", 2L),
                Map.of(ABORTED, 2L),
                98,
                List.of(new TimelinePoint(Duration.ofSeconds(1), 50, 50.0, 25_000_000L, 50_000_000L, 50_000_000L),
                        new TimelinePoint(Duration.ofSeconds(2), 50, 50.0, 75_000_000L, 99_000_000L, 100_000_000L)),
                calls,
                0);
    }

    @Test
    void summaryHasEveryGhzSection() {
        String summary = new SummaryReport().render(result(), OPTIONS);
        for (String section : List.of("Summary:", "Count:", "Total:", "Slowest:", "Fastest:", "Average:", "Requests/sec:",
                "Response time histogram:", "Latency distribution:", "Status code distribution:", "Error distribution:")) {
            assertTrue(summary.contains(section), section + " missing in\n" + summary);
        }
        assertTrue(summary.contains("Count:        100"), summary);
        assertTrue(summary.contains("Total:        2.00 s"), summary);
        assertTrue(summary.contains("Requests/sec: 50.00"), summary);
        assertTrue(summary.contains("[OK]   98 responses"), summary);
        assertTrue(summary.contains("[2]   rpc error: code = Aborted"), summary);
        for (String percentile : List.of("10 % in", "25 % in", "50 % in", "75 % in", "90 % in", "95 % in", "99 % in", "99.9 % in")) {
            assertTrue(summary.contains(percentile), percentile + " missing in\n" + summary);
        }
        String histogram = summary.substring(summary.indexOf("Response time histogram:"), summary.indexOf("Latency distribution:"));
        assertEquals(10, histogram.lines().filter(line -> line.contains("|")).count(), histogram);
        assertTrue(histogram.contains("|" + String.valueOf(SummaryReport.BAR).repeat(SummaryReport.BAR_WIDTH)), histogram);
    }

    /** The layout of ghz's report (runner/reporter.go, www/docs/output.md), so that its readers read ours. */
    @Test
    void jsonHasGhzFieldNamesAndLayout() {
        JsonObject json = JsonParser.parseString(JsonReport.compact().render(result(), OPTIONS)).getAsJsonObject();
        assertTrue(json.keySet().containsAll(Set.of("name", "endReason", "options", "date", "count", "total", "average", "fastest", "slowest", "rps",
                "errorDistribution", "statusCodeDistribution", "latencyDistribution", "histogram", "details", "tags")), json.keySet().toString());
        assertEquals("2026-01-02T03:04:05Z", json.get("date").getAsString());
        assertEquals("normal", json.get("endReason").getAsString());
        assertEquals(100, json.get("count").getAsLong());
        assertEquals(2_000_000_000L, json.get("total").getAsLong());
        assertEquals(50_500_000L, json.get("average").getAsLong());
        assertEquals(50.0, json.get("rps").getAsDouble(), 1e-9);
        assertEquals(98, json.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong());
        assertEquals(2, json.getAsJsonObject("statusCodeDistribution").get("Aborted").getAsLong());
        assertEquals(2, json.getAsJsonObject("errorDistribution").get(ABORTED).getAsLong());

        List<Long> percentages = json.getAsJsonArray("latencyDistribution").asList().stream()
                .map(entry -> entry.getAsJsonObject().get("percentage").getAsLong()).toList();
        assertEquals(List.of(10L, 25L, 50L, 75L, 90L, 95L, 99L), percentages, "ghz's whole-number percentages");
        JsonObject percentile = json.getAsJsonArray("latencyDistribution").get(0).getAsJsonObject();
        assertEquals(Set.of("percentage", "latency"), percentile.keySet());

        assertEquals(10, json.getAsJsonArray("histogram").size());
        JsonObject bucket = json.getAsJsonArray("histogram").get(0).getAsJsonObject();
        assertEquals(Set.of("mark", "count", "frequency"), bucket.keySet());
        assertTrue(bucket.get("mark").getAsDouble() < 1, "marks are in seconds");

        assertEquals(100, json.getAsJsonArray("details").size());
        JsonObject detail = json.getAsJsonArray("details").get(99).getAsJsonObject();
        assertEquals(Set.of("timestamp", "latency", "error", "status"), detail.keySet());
        assertEquals("2026-01-02T03:04:07Z", detail.get("timestamp").getAsString());
        assertEquals(100_000_000L, detail.get("latency").getAsLong());
        assertEquals("Aborted", detail.get("status").getAsString());

        JsonObject options = json.getAsJsonObject("options");
        assertEquals("eventline.v1.EventStoreService/AppendEvents", options.get("call").getAsString());
        assertEquals(5, options.get("concurrency").getAsInt());
        assertTrue(options.get("insecure").getAsBoolean());
        assertEquals("staging", json.getAsJsonObject("tags").get("env").getAsString());
        assertTrue(json.get("fastest").getAsLong() <= json.get("average").getAsLong());
        assertTrue(json.get("average").getAsLong() <= json.get("slowest").getAsLong());
    }

    @Test
    void jsonIsOneLineAndPrettyIsIndented() {
        String compact = OutputFormat.JSON.report().render(result(), OPTIONS);
        String pretty = OutputFormat.PRETTY.report().render(result(), OPTIONS);
        assertEquals(1, compact.lines().count());
        assertTrue(pretty.lines().count() > 100);
        JsonElement same = JsonParser.parseString(compact);
        assertEquals(same, JsonParser.parseString(pretty));
    }

    @Test
    void csvHasGhzColumnsFirstAndOneRowPerRequest() {
        List<String> lines = new CsvReport().render(result(), OPTIONS).lines().toList();
        assertEquals("duration (ms),status,error,start (ms)", lines.get(0));
        assertEquals(101, lines.size());
        assertEquals("1.00,OK,,20.000", lines.get(1));
        assertEquals("100.00,Aborted,\"rpc error: code = Aborted desc = stream \"\"a,b\"\" is at 3\",2000.000", lines.get(100));
    }

    @Test
    void influxSummaryIsOneGhzRunLine() {
        String line = new InfluxSummaryReport().render(result(), OPTIONS).strip();
        assertEquals(1, line.lines().count());
        assertTrue(line.startsWith("ghz_run,name=\"eventline.v1.EventStoreService/AppendEvents\","), line);
        assertTrue(line.contains(",call=\"eventline.v1.EventStoreService/AppendEvents\",host=\"\",n=0,c=5,rps=0,z=0,timeout=0,"
                + "dial_timeout=0,keepalive=0,data=\"\",metadata=\"\",tags=\"{\\\"env\\\":\\\"staging\\\"}\","), line);
        assertTrue(line.contains(",errors=2,has_errors=true count=100,total=2000000000,average=50500000,"), line);
        assertTrue(line.contains(",rps=50.00,median="), line);
        assertTrue(line.endsWith(" " + Instant.parse("2026-01-02T03:04:05Z").getEpochSecond() * 1_000_000_000L), line);
    }

    @Test
    void influxDetailsHasALinePerRequest() {
        List<String> lines = new InfluxDetailsReport().render(result(), OPTIONS).lines().toList();
        assertEquals(100, lines.size());
        assertTrue(lines.get(0).startsWith("ghz_detail,name="), lines.get(0));
        assertTrue(lines.get(0).contains(",hasError=false latency=1000000,error=\"\",status=\"OK\" "), lines.get(0));
        assertTrue(lines.get(99).contains(",hasError=true latency=100000000,error=\"rpc error: code = Aborted desc = stream \\\"a,b\\\" is at 3\""),
                lines.get(99));
    }

    @Test
    void prometheusUsesGhzMetricNames() {
        String text = new PrometheusReport().render(result(), OPTIONS);
        for (String type : List.of("# TYPE ghz_run_count gauge", "# TYPE ghz_run_total gauge", "# TYPE ghz_run_average gauge",
                "# TYPE ghz_run_fastest gauge", "# TYPE ghz_run_slowest gauge", "# TYPE ghz_run_rps gauge",
                "# TYPE ghz_run_histogram histogram", "# TYPE ghz_run_latency summary", "# TYPE ghz_run_errors gauge")) {
            assertTrue(text.contains(type), type + " missing in\n" + text);
        }
        assertTrue(text.contains("ghz_run_count{name=\"eventline.v1.EventStoreService/AppendEvents\","), text);
        assertTrue(text.contains("call=\"eventline.v1.EventStoreService/AppendEvents\""), text);
        assertTrue(text.lines().anyMatch(line -> line.startsWith("ghz_run_count{") && line.endsWith("} 100")), text);
        assertTrue(text.lines().anyMatch(line -> line.startsWith("ghz_run_errors{") && line.endsWith("} 2")), text);
        assertTrue(text.lines().anyMatch(line -> line.startsWith("ghz_run_histogram_bucket{") && line.contains("le=\"+Inf\"} 100")), text);
        assertTrue(text.lines().anyMatch(line -> line.startsWith("ghz_run_latency{") && line.contains("quantile=\"0.5\"}")), text);
    }

    @Test
    void htmlIsSelfContainedWithBothCharts() {
        String html = new HtmlReport().render(result(), OPTIONS);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.trim().endsWith("</html>"));
        assertEquals(2, html.split("<svg ", -1).length - 1, "two inline SVG charts");
        assertTrue(html.contains("<rect"), "histogram bars");
        assertTrue(html.contains("<polyline"), "latency-over-time lines");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("src=\"http"), "no external resources");
        assertTrue(html.contains("stream &quot;a,b&quot; is at 3"), "error text is escaped");
    }

    @Test
    void reportsOfAnEmptyRunStillRender() {
        RunResult empty = new RunResult("empty", Instant.EPOCH, EndReason.TIMEOUT, Duration.ofSeconds(1), new Histogram(3), 0, 0, Map.of(), Map.of(), 0,
                List.of(), List.of(), 0);
        for (OutputFormat format : OutputFormat.values()) {
            if (format != OutputFormat.INFLUX_DETAILS) {
                assertFalse(format.report().render(empty, OPTIONS).isEmpty(), format.name());
            }
        }
        JsonObject json = JsonParser.parseString(OutputFormat.JSON.report().render(empty, OPTIONS)).getAsJsonObject();
        assertEquals(0, json.get("count").getAsLong());
    }
}
