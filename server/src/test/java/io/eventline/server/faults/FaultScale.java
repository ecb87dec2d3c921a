package io.eventline.server.faults;

import java.time.Duration;

/**
 * How hard a fault run pushes, from {@code -Dfaults.scale}: {@code quick} (the default, for CI: every
 * fault test within a few minutes on two cores) or {@code full} (more faults over a longer load).
 *
 * @param appenders concurrent gRPC clients appending
 * @param faultRounds how many times the fault strikes
 * @param betweenFaults the load runs this long after each strike
 * @param drainBound how long consumers may take to settle everything once the load stopped (a bound, not a measurement)
 */
record FaultScale(String name, int appenders, int faultRounds, Duration betweenFaults, Duration drainBound) {
    static final String PROPERTY = "faults.scale";

    static FaultScale fromSystemProperty() {
        String name = System.getProperty(PROPERTY, "quick");
        return switch (name) {
            case "quick" -> new FaultScale(name, 4, 3, Duration.ofSeconds(3), Duration.ofSeconds(90));
            case "full" -> new FaultScale(name, 6, 10, Duration.ofSeconds(5), Duration.ofSeconds(180));
            default -> throw new IllegalArgumentException(PROPERTY + " must be quick or full, not '" + name + "'");
        };
    }
}
