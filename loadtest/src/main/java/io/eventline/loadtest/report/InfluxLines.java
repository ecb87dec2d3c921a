package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * InfluxDB line protocol text as ghz writes it: the same tags in the same order ({@code name},
 * {@code call}, {@code host}, {@code n}, {@code c}, {@code rps} or the load schedule, {@code z} in
 * nanoseconds, {@code timeout}, {@code dial_timeout} and {@code keepalive} in seconds, then
 * {@code data}, {@code metadata} and {@code tags} as JSON text), strings quoted and escaped.
 */
final class InfluxLines {
    private static final double NANOS_PER_SECOND = 1e9;

    private InfluxLines() {
    }

    static String tags(RunResult result, Map<String, Object> options) {
        List<String> tags = new ArrayList<>();
        tags.add("name=" + quoted(String.valueOf(options.getOrDefault("name", result.name()))));
        tags.add("call=" + quoted(jsonText(options, "call")));
        tags.add("host=" + quoted(jsonText(options, "host")));
        tags.add("n=" + text(options, "total"));
        tags.add("c=" + text(options, "concurrency"));
        if ("const".equals(options.get("load-schedule")) || !options.containsKey("load-schedule")) {
            tags.add("rps=" + text(options, "rps"));
        }
        else {
            for (String load : List.of("load-schedule", "load-start", "load-end", "load-step", "load-step-duration", "load-max-duration")) {
                tags.add(load + "=" + escape(text(options, load)));
            }
        }
        tags.add("z=" + text(options, "duration"));
        tags.add("timeout=" + seconds(options, "timeout"));
        tags.add("dial_timeout=" + seconds(options, "dial-timeout"));
        tags.add("keepalive=" + seconds(options, "keepalive"));
        tags.add("data=" + quoted(jsonText(options, "data")));
        tags.add("metadata=" + quoted(jsonText(options, "metadata")));
        tags.add("tags=" + quoted(jsonText(options, "tags")));
        return String.join(",", tags);
    }

    static String fieldString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static long timestamp(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String text(Map<String, Object> options, String name) {
        Object value = options.get(name);
        return value == null ? "0" : String.valueOf(value);
    }

    private static String jsonText(Map<String, Object> options, String name) {
        Object value = options.get(name);
        return value == null ? "" : value.toString();
    }

    private static String seconds(Map<String, Object> options, String name) {
        Object value = options.get(name);
        double seconds = value instanceof Number nanos ? nanos.longValue() / NANOS_PER_SECOND : 0;
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static String quoted(String value) {
        return "\"" + escape(value) + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace(" ", "\\ ").replace(",", "\\,").replace("=", "\\=")
                .replace("\n", "\\n");
    }
}
