package io.eventline.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationTextTest {
    @Test
    void readsGoDurationsAndDays() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), DurationText.parse("10s"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("1m30s"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofDays(7), DurationText.parse("7d"));
        assertEquals(Duration.ofHours(36), DurationText.parse("1d12h"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
        assertEquals(Duration.ofNanos(250_000), DurationText.parse("250us"));
        assertEquals(Duration.ofNanos(250_000), DurationText.parse("250\u00b5s"));
        assertEquals(Duration.ZERO, DurationText.parse("0"));
        assertEquals(Duration.ofSeconds(7), DurationText.parse("7"));
    }

    @Test
    void refusesWhatIsNotADurationSayingHowToWriteOne() {
        for (String bad : new String[] {"ten", "", "5 s", "1m30", "-5s", "5x", "s"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad), bad);
            assertTrue(refused.getMessage().contains("1m30s"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("999999999d"));
    }

    @Test
    void serverSettingsReadCompoundDurationsAndDays() {
        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(java.util.List.of("--grpc.shutdown-timeout=1m30s",
                "--store.all-log-retention=7d"), java.util.Map.of()));
        assertEquals(Duration.ofSeconds(90), config.grpc().shutdownTimeout());
        assertEquals(Duration.ofDays(7), config.store().allLogRetention());
    }
}
