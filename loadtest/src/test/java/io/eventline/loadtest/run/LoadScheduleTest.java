package io.eventline.loadtest.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadScheduleTest {
    @Test
    void constantKeepsItsRate() {
        LoadSchedule schedule = LoadSchedule.constant(250);
        assertTrue(schedule.paced());
        assertEquals(250, schedule.rateAt(Duration.ZERO));
        assertEquals(250, schedule.rateAt(Duration.ofMinutes(5)));
        assertFalse(LoadSchedule.constant(0).paced());
    }

    @Test
    void stepAddsItsStepEachStepDurationUpToTheEnd() {
        LoadSchedule schedule = new LoadSchedule(LoadSchedule.Kind.STEP, 0, 100, 50, 200, Duration.ofSeconds(2), Duration.ZERO);
        assertEquals(100, schedule.rateAt(Duration.ZERO));
        assertEquals(100, schedule.rateAt(Duration.ofMillis(1999)));
        assertEquals(150, schedule.rateAt(Duration.ofSeconds(2)));
        assertEquals(200, schedule.rateAt(Duration.ofSeconds(4)));
        assertEquals(200, schedule.rateAt(Duration.ofSeconds(60)));
    }

    @Test
    void lineChangesBySlopeEverySecondAsGhz() {
        LoadSchedule schedule = new LoadSchedule(LoadSchedule.Kind.LINE, 0, 10, 5, 0, Duration.ZERO, Duration.ZERO);
        assertEquals(10, schedule.rateAt(Duration.ZERO));
        assertEquals(10, schedule.rateAt(Duration.ofMillis(500)));
        assertEquals(15, schedule.rateAt(Duration.ofSeconds(1)));
        assertEquals(60, schedule.rateAt(Duration.ofSeconds(10)));
        LoadSchedule capped = new LoadSchedule(LoadSchedule.Kind.LINE, 0, 10, 5, 0, Duration.ZERO, Duration.ofSeconds(4));
        assertEquals(30, capped.rateAt(Duration.ofMinutes(5)), "--load-max-duration stops the change");
    }

    @Test
    void aFallingRampStopsAtItsEndAndNeverReachesZero() {
        LoadSchedule toEnd = new LoadSchedule(LoadSchedule.Kind.LINE, 0, 100, -10, 40, Duration.ZERO, Duration.ZERO);
        assertEquals(40, toEnd.rateAt(Duration.ofSeconds(30)));
        LoadSchedule unbounded = new LoadSchedule(LoadSchedule.Kind.LINE, 0, 100, -10, 0, Duration.ZERO, Duration.ZERO);
        assertEquals(LoadSchedule.MINIMUM_RAMP_RATE, unbounded.rateAt(Duration.ofSeconds(30)));
    }

    @Test
    void refusesIncompleteSchedules() {
        assertThrows(IllegalArgumentException.class, () -> new LoadSchedule(LoadSchedule.Kind.LINE, 0, 0, 5, 0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new LoadSchedule(LoadSchedule.Kind.STEP, 0, 10, 5, 0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LoadSchedule.Kind.parse("ramp", "--load-schedule"));
    }

    @Test
    void pacerSpacesRequestsByTheRate() {
        Pacer pacer = new Pacer(LoadSchedule.constant(1000), 5_000);
        assertEquals(5_000, pacer.next());
        assertEquals(1_005_000, pacer.next());
        assertEquals(2_005_000, pacer.next());
    }
}
