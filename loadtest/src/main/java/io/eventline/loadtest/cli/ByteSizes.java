package io.eventline.loadtest.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes the way ghz does (go-humanize): {@code 4194304}, {@code 42 MB} (10^6), {@code 42 MiB} (2^20), {@code 4k}. */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1_000L), Map.entry("kb", 1_000L), Map.entry("ki", 1L << 10), Map.entry("kib", 1L << 10),
            Map.entry("m", 1_000_000L), Map.entry("mb", 1_000_000L), Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("g", 1_000_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("gi", 1L << 30), Map.entry("gib", 1L << 30));

    private ByteSizes() {
    }

    /** The size in bytes, at most {@link Integer#MAX_VALUE} (gRPC's limits are ints). */
    static int parse(String text, String option) {
        Matcher matcher = SIZE.matcher(text.trim());
        Long unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException(option + " must be a size like 4194304, 42 MB or 42 MiB, is '" + text + "'");
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || bytes.signum() <= 0) {
            throw new IllegalArgumentException(option + " must be from 1 byte to 2 GiB, is '" + text + "'");
        }
        return bytes.intValue();
    }
}
