package io.eventline.server.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Eventline writes durations, in the server's settings and in the load tester alike:
 * Go's (and so ghz's) {@code 500ms}, {@code 1m30s}, {@code 1.5s}, {@code 250us}, plus {@code d} for
 * days ({@code 7d}); {@code 0} is zero and a bare number is seconds.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|\u00b5s|ms|s|m|h|d)");
    private static final String EXAMPLES = "500ms, 30s, 1m30s, 2h or 7d";

    private DurationText() {
    }

    /** The duration {@code text} names; {@link IllegalArgumentException} saying how to write one otherwise. */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d{1,18}")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        Matcher part = PART.matcher(trimmed);
        int position = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (part.find() && part.start() == position) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
            position = part.end();
        }
        if (position == 0 || position != trimmed.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like " + EXAMPLES);
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
        catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is longer than a duration can be (about 292 years)");
        }
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("unknown duration unit " + unit);
        };
    }
}
