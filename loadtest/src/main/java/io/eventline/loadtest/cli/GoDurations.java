package io.eventline.loadtest.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way ghz (Go) writes them: {@code 10s}, {@code 500ms}, {@code 1m30s}, {@code 0}. */
public final class GoDurations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|\u00b5s|ms|s|m|h)");

    private GoDurations() {
    }

    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d+")) {
            // a bare number: seconds
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        Matcher matcher = PART.matcher(trimmed);
        int position = 0;
        double nanos = 0;
        while (matcher.find() && matcher.start() == position) {
            nanos += Double.parseDouble(matcher.group(1)) * unitNanos(matcher.group(2));
            position = matcher.end();
        }
        if (position == 0 || position != trimmed.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 10s, 1m30s or 1h");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "\u00b5s" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException("unknown duration unit " + unit);
        };
    }
}
