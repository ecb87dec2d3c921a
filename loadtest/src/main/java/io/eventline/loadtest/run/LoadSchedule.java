package io.eventline.loadtest.run;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The request rate over time, as ghz's {@code --load-schedule}: {@code const} keeps {@code rps}
 * (0: as fast as the workers go); {@code step} starts at {@code start} and adds {@code step} every
 * {@code stepDuration}; {@code line} adds {@code step} every second (ghz: a step schedule of 1 s steps). Both stop changing
 * at {@code end} when it is set (non-zero), or after {@code maxDuration} when it is set (non-zero),
 * whichever comes first.
 */
public record LoadSchedule(Kind kind, double rps, double start, double step, double end, Duration stepDuration, Duration maxDuration) {
    public enum Kind {
        CONST, STEP, LINE;

        /** @param option the option read, for the error: {@code --load-schedule} or {@code --concurrency-schedule} */
        public static Kind parse(String text, String option) {
            return EnumOptions.parse(Kind.class, text, option);
        }
    }

    /** The slowest rate a ramp goes down to, so a falling schedule never waits forever for its next request. */
    static final double MINIMUM_RAMP_RATE = 1.0;

    public LoadSchedule {
        requireNonNull(kind, "kind is null");
        requireNonNull(stepDuration, "stepDuration is null");
        requireNonNull(maxDuration, "maxDuration is null");
        if (maxDuration.isNegative()) {
            throw new IllegalArgumentException("--load-max-duration must not be negative");
        }
        if (rps < 0) {
            throw new IllegalArgumentException("rps must not be negative");
        }
        if (kind != Kind.CONST && start <= 0) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT) + " load schedule needs --load-start above 0");
        }
        if (kind == Kind.STEP && (stepDuration.isZero() || stepDuration.isNegative())) {
            throw new IllegalArgumentException("a step load schedule needs a positive --load-step-duration");
        }
        if (end < 0) {
            throw new IllegalArgumentException("--load-end must not be negative");
        }
    }

    public static LoadSchedule constant(double rps) {
        return new LoadSchedule(Kind.CONST, rps, 0, 0, 0, Duration.ZERO, Duration.ZERO);
    }

    /** False for an unpaced closed loop: each worker sends its next request when the last one ends. */
    public boolean paced() {
        return kind != Kind.CONST || rps > 0;
    }

    /** Requests per second wanted at {@code elapsed} since the start. */
    public double rateAt(Duration elapsed) {
        Duration adjusting = maxDuration.isZero() || elapsed.compareTo(maxDuration) < 0 ? elapsed : maxDuration;
        return switch (kind) {
            case CONST -> rps;
            case STEP -> clamp(start + step * Math.floor(adjusting.toNanos() / (double) stepDuration.toNanos()));
            case LINE -> clamp(start + step * adjusting.toSeconds());
        };
    }

    private double clamp(double rate) {
        double limited = rate;
        if (end > 0) {
            limited = step >= 0 ? Math.min(limited, end) : Math.max(limited, end);
        }
        return Math.max(limited, MINIMUM_RAMP_RATE);
    }
}
