package io.eventline.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2);

    @Test
    void growsByTheMultiplierUpToTheMaximumLessAtMostAFifthOfJitter() {
        long[] uncapped = {100, 200, 400, 800, 1000, 1000};
        for (int attempt = 1; attempt <= uncapped.length; attempt++) {
            long delay = backoff.delay(attempt).toMillis();
            long full = uncapped[attempt - 1];
            assertTrue(delay <= full && delay >= full * 8 / 10, "attempt " + attempt + ": " + delay + " ms, expected about " + full);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5));
    }
}
