package io.eventline.loadtest.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ghz's concurrency schedules: workers over time, as arithmetic, and the slots a paced run hands out. */
class ConcurrencyScheduleTest {
    @Test
    void stepAddsWorkersEachStepUpToTheEnd() {
        // ghz's example: start at 5, add 5 every 5 s, up to 50
        ConcurrencySchedule schedule = new ConcurrencySchedule(LoadSchedule.Kind.STEP, 5, 50, 5, Duration.ofSeconds(5), Duration.ZERO);
        assertEquals(5, schedule.workersAt(Duration.ZERO));
        assertEquals(5, schedule.workersAt(Duration.ofMillis(4999)));
        assertEquals(10, schedule.workersAt(Duration.ofSeconds(5)));
        assertEquals(50, schedule.workersAt(Duration.ofSeconds(45)));
        assertEquals(50, schedule.workersAt(Duration.ofMinutes(10)));
        assertEquals(50, schedule.maximum());
    }

    @Test
    void lineChangesEverySecondAndStopsAtTheEndOrTheMaxDuration() {
        // ghz's example: from 200 down by 2 a second to 20
        ConcurrencySchedule down = new ConcurrencySchedule(LoadSchedule.Kind.LINE, 200, 20, -2, Duration.ZERO, Duration.ZERO);
        assertEquals(200, down.workersAt(Duration.ZERO));
        assertEquals(198, down.workersAt(Duration.ofMillis(1500)));
        assertEquals(20, down.workersAt(Duration.ofSeconds(500)));
        assertEquals(200, down.maximum());
        ConcurrencySchedule capped = new ConcurrencySchedule(LoadSchedule.Kind.STEP, 10, 0, 10, Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertEquals(130, capped.workersAt(Duration.ofSeconds(60)));
        assertEquals(130, capped.workersAt(Duration.ofSeconds(600)));
        assertEquals(130, capped.maximum());
    }

    @Test
    void refusesSchedulesWithoutATopOrAStepLength() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConcurrencySchedule(LoadSchedule.Kind.LINE, 1, 0, 1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new ConcurrencySchedule(LoadSchedule.Kind.STEP, 1, 10, 1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new ConcurrencySchedule(LoadSchedule.Kind.STEP, 0, 10, 1, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RunLimits(10, Duration.ZERO, LoadSchedule.constant(0),
                new ConcurrencySchedule(LoadSchedule.Kind.STEP, 1, 4, 1, Duration.ofSeconds(1), Duration.ZERO)));
    }

    @Test
    void aPacedRunUsesOnlyTheWorkersTheScheduleWantsNow() throws InterruptedException {
        // 2 workers, going to 4 only after an hour: a 40-request run never uses slots 2 and 3
        ConcurrencySchedule schedule = new ConcurrencySchedule(LoadSchedule.Kind.STEP, 2, 4, 2, Duration.ofHours(1), Duration.ZERO);
        Set<Integer> slotsUsed = ConcurrentHashMap.newKeySet();
        LoadRunner runner = new LoadRunner(new RunLimits(40, Duration.ofMinutes(1), LoadSchedule.constant(2000), schedule),
                Duration.ofMillis(100), Duration.ofSeconds(5), RecordingRules.everyResponse(0), ProgressListener.NONE, System.err);
        RunResult result = runner.run("scheduled", (number, slot) -> {
            slotsUsed.add(slot);
            return CompletableFuture.completedFuture(Outcome.ok(1));
        });
        assertEquals(40, result.count());
        assertTrue(Set.of(0, 1).containsAll(slotsUsed), slotsUsed.toString());
    }
}
