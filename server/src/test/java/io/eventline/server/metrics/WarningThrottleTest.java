package io.eventline.server.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarningThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final WarningThrottle throttle = new WarningThrottle(Duration.ofMinutes(1), now::get);

    @Test
    void aCauseIsLoggedOncePerIntervalAndAnotherCauseAtOnce() {
        assertTrue(throttle.allow("io.lettuce.core.RedisCommandTimeoutException"));
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertFalse(throttle.allow("io.lettuce.core.RedisCommandTimeoutException"), "within the minute");
        assertTrue(throttle.allow("java.lang.OutOfMemoryError"), "a new cause");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(throttle.allow("io.lettuce.core.RedisCommandTimeoutException"), "a minute after the first");
        assertFalse(throttle.allow("io.lettuce.core.RedisCommandTimeoutException"));
    }
}
