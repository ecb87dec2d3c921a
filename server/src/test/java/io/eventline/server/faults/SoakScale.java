package io.eventline.server.faults;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How long the soak runs, from {@code -Dfaults.scale} like the fault runs: {@code quick} (the default,
 * under half a minute of load, for CI) or {@code full} (about three minutes). The load runs steady for
 * the fault scale's {@code betweenFaults} before the kill -9 of Redis and after it; then the paused
 * subscriber stops reading for {@code pause}; then the load runs {@code betweenFaults} more.
 *
 * @param faults the fault run's scale: appenders, two rounds (the kill, the pause), the settle bound
 */
record SoakScale(FaultScale faults, Duration pause) {
    SoakScale {
        requireNonNull(faults, "faults is null");
        requireNonNull(pause, "pause is null");
    }

    static SoakScale fromSystemProperty() {
        FaultScale faults = FaultScale.fromSystemProperty();
        return switch (faults.name()) {
            case "quick" -> new SoakScale(new FaultScale("quick", faults.appenders(), 2, Duration.ofSeconds(6), faults.drainBound()),
                    Duration.ofSeconds(8));
            case "full" -> new SoakScale(new FaultScale("full", faults.appenders(), 2, Duration.ofSeconds(50), faults.drainBound()),
                    Duration.ofSeconds(30));
            default -> throw new IllegalArgumentException("unknown scale " + faults.name());
        };
    }
}
