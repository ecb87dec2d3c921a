package io.eventline.loadtest.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The load tester reads durations as the server's settings do: ghz's form and days. */
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsWhatTheServerReads() {
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofDays(7), converter.convert("7d"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("soon"));
    }
}
