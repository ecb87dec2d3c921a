package io.eventline.loadtest.run;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The number of workers over time, as ghz's {@code --concurrency-schedule}: {@code const} keeps
 * {@code -c}; {@code step} starts at {@code start} and adds {@code step} every {@code stepDuration};
 * {@code line} adds {@code step} per second. Both stop changing at {@code end} when it is set
 * (non-zero), or after {@code maxDuration} when it is set, whichever comes first; never below one.
 */
public record ConcurrencySchedule(LoadSchedule.Kind kind, int start, int end, int step, Duration stepDuration, Duration maxDuration) {
    public ConcurrencySchedule {
        requireNonNull(kind, "kind is null");
        requireNonNull(stepDuration, "stepDuration is null");
        requireNonNull(maxDuration, "maxDuration is null");
        String name = kind.name().toLowerCase(Locale.ROOT);
        if (start < 1) {
            throw new IllegalArgumentException("a " + name + " concurrency schedule needs --concurrency-start of at least 1");
        }
        if (end < 0 || stepDuration.isNegative() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("--concurrency-end, --concurrency-step-duration and --concurrency-max-duration must not be negative");
        }
        if (kind == LoadSchedule.Kind.STEP && stepDuration.isZero()) {
            throw new IllegalArgumentException("a step concurrency schedule needs a positive --concurrency-step-duration");
        }
        if (kind != LoadSchedule.Kind.CONST && step > 0 && end == 0 && maxDuration.isZero()) {
            // the workers are slots made up front: a rise needs a top
            throw new IllegalArgumentException("a rising " + name + " concurrency schedule needs --concurrency-end or --concurrency-max-duration");
        }
    }

    /** A fixed number of workers, as {@code -c}. */
    public static ConcurrencySchedule constant(int workers) {
        return new ConcurrencySchedule(LoadSchedule.Kind.CONST, workers, 0, 0, Duration.ZERO, Duration.ZERO);
    }

    public boolean isConstant() {
        return kind == LoadSchedule.Kind.CONST;
    }

    /** The most workers the schedule ever asks for: the slots a run makes. */
    public int maximum() {
        if (kind == LoadSchedule.Kind.CONST || step <= 0) {
            return start;
        }
        return end > 0 ? end : workersAt(maxDuration);
    }

    /** Workers wanted at {@code elapsed} since the start. */
    public int workersAt(Duration elapsed) {
        Duration adjusting = maxDuration.isZero() || elapsed.compareTo(maxDuration) < 0 ? elapsed : maxDuration;
        long steps = switch (kind) {
            case CONST -> 0;
            case STEP -> adjusting.toNanos() / stepDuration.toNanos();
            case LINE -> adjusting.toSeconds();
        };
        long workers = start + step * steps;
        if (end > 0) {
            workers = step >= 0 ? Math.min(workers, end) : Math.max(workers, end);
        }
        return (int) Math.max(1, Math.min(workers, Integer.MAX_VALUE));
    }
}
