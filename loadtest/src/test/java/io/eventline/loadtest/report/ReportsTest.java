package io.eventline.loadtest.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.eventline.loadtest.run.CallRecord;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>(Map.of("call", "eventline.v1.EventStoreService/AppendEvents"));

    /** 100 requests of 1..100 ms over 2 s: 98 OK, 2 ABORTED. */
    private static RunResult result() {
        Histogram histogram = new Histogram(3);
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            histogram.recordValue(i * 1_000_000L);
            calls.add(new CallRecord(i * 20_000_000L, i * 1_000_000L, i > 98 ? "ABORTED" : "OK",
                    i > 98 ? "rpc error: code = ABORTED desc = stream \"a,b\" is at 3" : ""));
        }
        return new RunResult(
                "eventline.v1.EventStoreService/AppendEvents",
                Instant.parse("2026-01-02T03:04:05Z"),
                Duration.ofSeconds(2),
                histogram,
                Map.of("OK", 98L, "ABORTED", 2L),
                Map.of("rpc error: code = ABORTED desc = stream \"a,b\" is at 3", 2L),
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
        assertTrue(summary.contains("[2]   rpc error: code = ABORTED"), summary);
        for (String percentile : List.of("10 % in", "25 % in", "50 % in", "75 % in", "90 % in", "95 % in", "99 % in", "99.9 % in")) {
            assertTrue(summary.contains(percentile), percentile + " missing in\n" + summary);
        }
        String histogram = summary.substring(summary.indexOf("Response time histogram:"), summary.indexOf("Latency distribution:"));
        assertEquals(10, histogram.lines().filter(line -> line.contains("|")).count(), histogram);
        assertTrue(histogram.contains("|" + String.valueOf(SummaryReport.BAR).repeat(SummaryReport.BAR_WIDTH)), histogram);
    }

    @Test
    void jsonParsesWithGhzFields() {
        JsonObject json = JsonParser.parseString(new JsonReport().render(result(), OPTIONS)).getAsJsonObject();
        assertEquals(100, json.get("count").getAsLong());
        assertEquals(2_000_000_000L, json.get("total").getAsLong());
        assertEquals(50.0, json.get("rps").getAsDouble(), 1e-9);
        assertEquals(10, json.getAsJsonArray("histogram").size());
        assertEquals(8, json.getAsJsonArray("latencyDistribution").size());
        assertEquals(98, json.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong());
        assertEquals(2, json.getAsJsonObject("errorDistribution").entrySet().iterator().next().getValue().getAsLong());
        assertEquals("eventline.v1.EventStoreService/AppendEvents", json.getAsJsonObject("options").get("call").getAsString());
        assertEquals(2, json.getAsJsonArray("timeline").size());
        assertTrue(json.get("fastest").getAsLong() <= json.get("average").getAsLong());
        assertTrue(json.get("average").getAsLong() <= json.get("slowest").getAsLong());
    }

    @Test
    void csvHasAHeaderAndOneRowPerRequest() {
        List<String> lines = new CsvReport().render(result(), OPTIONS).lines().toList();
        assertEquals("start (ms),duration (ms),status,error", lines.get(0));
        assertEquals(101, lines.size());
        assertEquals("20.000,1.000,OK,", lines.get(1));
        assertEquals("2000.000,100.000,ABORTED,\"rpc error: code = ABORTED desc = stream \"\"a,b\"\" is at 3\"", lines.get(100));
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
        RunResult empty = new RunResult("empty", Instant.EPOCH, Duration.ofSeconds(1), new Histogram(3), Map.of(), Map.of(), 0,
                List.of(), List.of(), 0);
        for (OutputFormat format : OutputFormat.values()) {
            assertFalse(format.report().render(empty, OPTIONS).isEmpty(), format.name());
        }
        JsonObject json = JsonParser.parseString(OutputFormat.JSON.report().render(empty, OPTIONS)).getAsJsonObject();
        assertEquals(0, json.get("count").getAsLong());
    }
}
