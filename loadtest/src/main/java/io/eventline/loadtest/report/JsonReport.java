package io.eventline.loadtest.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.run.TimelinePoint;

import java.util.Map;

/** The result as JSON with ghz's field names; durations are nanoseconds, as in ghz. */
public final class JsonReport implements Report {
    @Override
    public String render(RunResult result, Map<String, String> options) {
        JsonObject root = new JsonObject();
        root.addProperty("name", result.name());
        root.addProperty("date", result.date().toString());
        JsonObject settings = new JsonObject();
        options.forEach(settings::addProperty);
        root.add("options", settings);
        root.addProperty("count", result.count());
        root.addProperty("total", result.total().toNanos());
        root.addProperty("average", Math.round(result.averageNanos()));
        root.addProperty("fastest", result.fastestNanos());
        root.addProperty("slowest", result.slowestNanos());
        root.addProperty("rps", result.requestsPerSecond());
        root.addProperty("items", result.items());
        root.addProperty("itemsPerSecond", result.itemsPerSecond());

        JsonArray histogram = new JsonArray();
        for (HistogramBucket bucket : HistogramBuckets.of(result.histogram(), HistogramBuckets.DEFAULT_BUCKETS)) {
            JsonObject entry = new JsonObject();
            entry.addProperty("mark", bucket.markNanos() / 1e9);
            entry.addProperty("count", bucket.count());
            entry.addProperty("frequency", bucket.frequency());
            histogram.add(entry);
        }
        root.add("histogram", histogram);

        JsonArray distribution = new JsonArray();
        for (LatencyPercentile percentile : LatencyDistribution.of(result.histogram())) {
            JsonObject entry = new JsonObject();
            entry.addProperty("percentage", percentile.percentage());
            entry.addProperty("latency", percentile.latencyNanos());
            distribution.add(entry);
        }
        root.add("latencyDistribution", distribution);

        JsonObject statuses = new JsonObject();
        result.statusCounts().forEach(statuses::addProperty);
        root.add("statusCodeDistribution", statuses);
        JsonObject errors = new JsonObject();
        result.errorCounts().forEach(errors::addProperty);
        root.add("errorDistribution", errors);

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
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }
}
