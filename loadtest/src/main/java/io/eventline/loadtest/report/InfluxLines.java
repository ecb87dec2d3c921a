package io.eventline.loadtest.report;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** InfluxDB line protocol text, as ghz writes it: tag values quoted, with spaces, commas, equals signs and quotes escaped. */
final class InfluxLines {
    private InfluxLines() {
    }

    static String tags(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(label -> escape(label.getKey()) + "=\"" + escape(label.getValue()) + "\"")
                .collect(Collectors.joining(","));
    }

    static String fieldString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static long timestamp(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace(" ", "\\ ").replace(",", "\\,").replace("=", "\\=")
                .replace("\n", "\\n");
    }
}
