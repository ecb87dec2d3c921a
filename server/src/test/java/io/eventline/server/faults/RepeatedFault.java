package io.eventline.server.faults;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntToLongFunction;

import static java.util.Objects.requireNonNull;

/** A quick fault done a few times per round with a pause between, counting what it hit (connections, flushes). */
final class RepeatedFault implements Fault {
    private final String counted;
    private final int timesPerRound;
    private final Duration pause;
    private final IntToLongFunction once;
    private long hits;

    /**
     * @param counted the name of the count in the summary line
     * @param once does the fault once, given its number within the round, and returns how many things it hit
     */
    RepeatedFault(String counted, int timesPerRound, Duration pause, IntToLongFunction once) {
        this.counted = requireNonNull(counted, "counted is null");
        this.timesPerRound = timesPerRound;
        this.pause = requireNonNull(pause, "pause is null");
        this.once = requireNonNull(once, "once is null");
    }

    @Override
    public void strike(int round) throws InterruptedException {
        for (int time = 0; time < timesPerRound; time++) {
            hits += once.applyAsLong(time);
            Thread.sleep(pause.toMillis());
        }
    }

    @Override
    public Map<String, Long> details() {
        return Map.of(counted, hits);
    }
}
