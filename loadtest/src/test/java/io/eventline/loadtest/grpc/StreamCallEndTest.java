package io.eventline.loadtest.grpc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamCallEndTest {
    @Test
    void theCountIsReachedAtItsValueAndAfter() {
        StreamCallEnd end = new StreamCallEnd(3, Duration.ZERO);
        assertFalse(end.countReachedBy(0));
        assertFalse(end.countReachedBy(2));
        assertTrue(end.countReachedBy(3));
        // deliveries in flight when the end was reached are counted too
        assertTrue(end.countReachedBy(4));
    }

    @Test
    void withoutACountNoNumberOfEventsEndsTheCall() {
        StreamCallEnd end = new StreamCallEnd(0, Duration.ofSeconds(1));
        assertFalse(end.countReachedBy(0));
        assertFalse(end.countReachedBy(Long.MAX_VALUE));
    }

    @Test
    void isSetByACountOrADuration() {
        assertFalse(StreamCallEnd.NONE.isSet());
        assertFalse(StreamCallEnd.NONE.hasDuration());
        assertTrue(new StreamCallEnd(1, Duration.ZERO).isSet());
        assertFalse(new StreamCallEnd(1, Duration.ZERO).hasDuration());
        assertTrue(new StreamCallEnd(0, Duration.ofMillis(1)).isSet());
        assertTrue(new StreamCallEnd(0, Duration.ofMillis(1)).hasDuration());
    }

    @Test
    void refusesNegativeValuesNamingTheOption() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> new StreamCallEnd(-1, Duration.ZERO));
        assertEquals("--stream-call-count must not be negative", count.getMessage());
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class, () -> new StreamCallEnd(0, Duration.ofSeconds(-1)));
        assertEquals("--stream-call-duration must not be negative", duration.getMessage());
    }
}
