package io.eventline.loadtest.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.eventline.loadtest.run.CallRecord;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.run.TimelinePoint;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The result as ghz's JSON report: its field names and layout, durations in nanoseconds, the
 * histogram's marks in seconds, the date in RFC 3339. Eventline adds {@code items},
 * {@code itemsPerSecond} and {@code timeline}; readers of ghz's report skip them.
 */
public final class JsonReport implements Report {
    private static final String TAGS = "tags";

    private final Gson gson;

    private JsonReport(Gson gson) {
        this.gson = gson;
    }

    /** ghz's {@code -O json}: one line. */
    public static JsonReport compact() {
        return new JsonReport(new GsonBuilder().disableHtmlEscaping().serializeNulls().create());
    }

    /** ghz's {@code -O pretty}: indented. */
    public static JsonReport pretty() {
        return new JsonReport(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create());
    }

    @Override
    public String render(RunResult result, Map<String, Object> options) {
        JsonObject root = new JsonObject();
        root.addProperty("name", result.name());
        root.addProperty("endReason", result.endReason().ghzName());
        JsonObject settings = new JsonObject();
        options.forEach((name, value) -> {
            if (value != null && !name.equals(TAGS)) {
                settings.add(name, gson.toJsonTree(value));
            }
        });
        root.add("options", settings);
        if (options.get(TAGS) != null) {
            // ghz keeps the tags beside the options
            root.add(TAGS, gson.toJsonTree(options.get(TAGS)));
        }
        root.addProperty("date", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(result.date().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        root.addProperty("count", result.count());
        root.addProperty("total", result.total().toNanos());
        root.addProperty("average", Math.round(result.averageNanos()));
        root.addProperty("fastest", result.fastestNanos());
        root.addProperty("slowest", result.slowestNanos());
        root.addProperty("rps", result.requestsPerSecond());

        JsonObject errors = new JsonObject();
        result.errorCounts().forEach(errors::addProperty);
        root.add("errorDistribution", errors);
        JsonObject statuses = new JsonObject();
        result.statusCounts().forEach(statuses::addProperty);
        root.add("statusCodeDistribution", statuses);

        JsonArray distribution = new JsonArray();
        for (LatencyPercentile percentile : LatencyDistribution.of(result.histogram())) {
            // ghz's percentages are whole numbers: a reader may read them as integers
            if (percentile.percentage() == Math.rint(percentile.percentage())) {
                JsonObject entry = new JsonObject();
                entry.addProperty("percentage", (long) percentile.percentage());
                entry.addProperty("latency", percentile.latencyNanos());
                distribution.add(entry);
            }
        }
        root.add("latencyDistribution", distribution);

        JsonArray histogram = new JsonArray();
        for (HistogramBucket bucket : HistogramBuckets.of(result.histogram(), HistogramBuckets.DEFAULT_BUCKETS)) {
            JsonObject entry = new JsonObject();
            entry.addProperty("mark", bucket.markNanos() / 1e9);
            entry.addProperty("count", bucket.count());
            entry.addProperty("frequency", bucket.frequency());
            histogram.add(entry);
        }
        root.add("histogram", histogram);

        JsonArray details = new JsonArray();
        for (CallRecord call : result.calls()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    result.date().plusNanos(call.startOffsetNanos()).atOffset(ZoneOffset.UTC)));
            entry.addProperty("latency", call.latencyNanos());
            entry.addProperty("error", call.error());
            entry.addProperty("status", call.status());
            details.add(entry);
        }
        root.add("details", details);

        root.addProperty("items", result.items());
        root.addProperty("itemsPerSecond", result.itemsPerSecond());
        JsonArray timeline = new JsonArray();
        for (TimelinePoint point : result.timeline()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("end", point.end().toNanos());
            entry.addProperty("count", point.count());
            entry.addProperty("rps", point.perSecond());
            entry.addProperty("p50", point.p50Nanos());
            entry.addProperty("p99", point.p99Nanos());
            entry.addProperty("max", point.maxNanos());
            timeline.add(entry);
        }
        root.add("timeline", timeline);
        return gson.toJson(root) + "\n";
    }
}
