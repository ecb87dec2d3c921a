package io.eventline.loadtest.scenario;

import io.eventline.loadtest.run.LoadRunner;
import io.eventline.loadtest.run.RecordingRules;
import io.eventline.loadtest.run.LoadSchedule;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.ProgressListener;
import io.eventline.loadtest.run.RunLimits;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.subscribe.Progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/** Runs one measured phase of a scenario: unmeasured warm-up, then the measured, bounded run, printed. */
public final class PhaseRunner {
    private final ScenarioSettings settings;
    private final ProgressListener progress;
    private final PrintStream diagnostics;
    private final ScenarioPrinter printer;
    private final ServerCpu serverCpu;
    private boolean warmedUp;

    public PhaseRunner(ScenarioSettings settings, ProgressListener progress, PrintStream diagnostics, ScenarioPrinter printer, ServerCpu serverCpu) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        this.printer = requireNonNull(printer, "printer is null");
        this.serverCpu = requireNonNull(serverCpu, "serverCpu is null");
    }

    /** The scenario's concurrency, count and time bounds, after a warm-up. */
    public RunResult measure(String name, Operation operation) throws InterruptedException {
        warmUp(operation);
        return measureOnly(name, operation);
    }

    /** The measured run alone, for a scenario that resets its counters after {@link #warmUp}. */
    public RunResult measureOnly(String name, Operation operation) throws InterruptedException {
        return run(name, operation, new RunLimits(settings.total(), settings.duration(), settings.concurrency(), LoadSchedule.constant(0)));
    }

    /**
     * Open-loop load at {@code rps} requests per second, after a warm-up at the same rate; {@code onMeasureStart}
     * runs between the two, so a scenario can tell warm-up traffic from measured traffic.
     */
    public RunResult measurePaced(String name, Operation operation, double rps, Runnable onMeasureStart) throws InterruptedException {
        LoadSchedule schedule = LoadSchedule.constant(rps);
        warmUp(operation, schedule);
        onMeasureStart.run();
        return run(name, operation, new RunLimits(settings.total(), settings.duration(), settings.concurrency(), schedule));
    }

    /** Exactly {@code total} requests (unless the time bound ends it first), no warm-up. */
    public RunResult measureExactly(String name, Operation operation, long total) throws InterruptedException {
        return run(name, operation, new RunLimits(total, settings.duration(), settings.concurrency(), LoadSchedule.constant(0)));
    }

    /** Work a scenario starts itself and counts as it goes: opening subscriptions, starting raw readers. */
    @FunctionalInterface
    public interface CountedWork {
        void start() throws Exception;
    }

    /**
     * A phase the scenario drives itself rather than as requests: {@code work} is started, and the
     * phase ends when {@code counter} reaches {@code target}, or after -z. Prints what was counted,
     * its rate and the server side's CPU per {@code unit}; returns the rate, per second.
     */
    public double measureCount(String name, String unit, long target, CountedWork work, LongSupplier counter) throws Exception {
        ServerCpu.Sample before = serverCpu.sample();
        long start = System.nanoTime();
        work.start();
        Progress.await(counter, target, start + settings.duration().toNanos());
        long elapsedNanos = System.nanoTime() - start;
        long counted = counter.getAsLong();
        ServerCpu.Sample used = serverCpu.sample().since(before);
        double rate = counted * 1e9 / elapsedNanos;
        printer.note(String.format(Locale.ROOT, "%s: %d of %d %ss in %.2f s: %.0f %ss/s%s",
                name, counted, target, unit, elapsedNanos / 1e9, rate, unit, counted < target ? " (stopped by -z)" : ""));
        printer.serverCpu(used, counted, unit);
        return rate;
    }

    /**
     * Unmeasured load, so the JIT (of this tool and of the server) and the connections are warm when
     * measuring starts: {@code --initial-warmup} before a scenario's first phase, {@code --warmup} before the others.
     */
    public void warmUp(Operation operation) throws InterruptedException {
        warmUp(operation, LoadSchedule.constant(0));
    }

    private void warmUp(Operation operation, LoadSchedule schedule) throws InterruptedException {
        Duration length = warmedUp || settings.initialWarmup().compareTo(settings.warmup()) < 0 ? settings.warmup() : settings.initialWarmup();
        warmedUp = true;
        if (!length.isZero()) {
            RunLimits limits = new RunLimits(0, length, settings.concurrency(), schedule);
            new LoadRunner(limits, Duration.ofSeconds(1), drainTimeout(), RecordingRules.everyResponse(0), ProgressListener.NONE, diagnostics).run("warm-up", operation);
        }
    }

    private RunResult run(String name, Operation operation, RunLimits limits) throws InterruptedException {
        ServerCpu.Sample before = serverCpu.sample();
        RunResult result = new LoadRunner(limits, Duration.ofSeconds(1), drainTimeout(), RecordingRules.everyResponse(0), progress, diagnostics).run(name, operation);
        printer.phase(result);
        printer.serverCpu(serverCpu.sample().since(before), result.count());
        return result;
    }

    private Duration drainTimeout() {
        return settings.timeout().plusSeconds(5);
    }
}
