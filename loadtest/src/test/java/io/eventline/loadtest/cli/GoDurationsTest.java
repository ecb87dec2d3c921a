package io.eventline.loadtest.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoDurationsTest {
    @Test
    void readsGoDurations() {
        assertEquals(Duration.ofMillis(500), GoDurations.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), GoDurations.parse("10s"));
        assertEquals(Duration.ofSeconds(90), GoDurations.parse("1m30s"));
        assertEquals(Duration.ofHours(1), GoDurations.parse("1h"));
        assertEquals(Duration.ofMillis(1500), GoDurations.parse("1.5s"));
        assertEquals(Duration.ofNanos(250_000), GoDurations.parse("250us"));
        assertEquals(Duration.ZERO, GoDurations.parse("0"));
        assertEquals(Duration.ofSeconds(7), GoDurations.parse("7"));
    }

    @Test
    void refusesOtherText() {
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("ten"));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10x"));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("s"));
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10s junk"));
    }
}
