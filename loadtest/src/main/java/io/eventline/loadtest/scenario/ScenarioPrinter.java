package io.eventline.loadtest.scenario;

import io.eventline.loadtest.run.RunResult;

import java.io.PrintStream;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** Writes a scenario's results as they come: one table row per phase, then the comparisons. */
public final class ScenarioPrinter {
    private static final String ROW = "%-40s %10s %8s %8s %11s %11s %9s %9s %9s %9s%n";
    private static final String COMPARISON = "%-40s %12s   %-40s %12s %8s  %s%n";

    private final PrintStream out;
    private boolean headerPrinted;
    private boolean comparisonHeaderPrinted;

    public ScenarioPrinter(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    public void section(String title) {
        out.println();
        out.println("== " + title);
        headerPrinted = false;
        comparisonHeaderPrinted = false;
    }

    public void note(String text) {
        out.println("  " + text);
    }

    public void phase(RunResult result) {
        if (!headerPrinted) {
            out.printf(Locale.ROOT, ROW, "phase", "requests", "failed", "seconds", "req/s", "events/s",
                    "p50 ms", "p99 ms", "p99.9 ms", "max ms");
            headerPrinted = true;
        }
        out.printf(Locale.ROOT, ROW,
                result.name(),
                result.count(),
                result.failures(),
                format("%.2f", result.total().toNanos() / 1e9),
                format("%.0f", result.requestsPerSecond()),
                format("%.0f", result.itemsPerSecond()),
                millis(result.percentileNanos(50)),
                millis(result.percentileNanos(99)),
                millis(result.percentileNanos(99.9)),
                millis(result.slowestNanos()));
        if (result.failures() > 0) {
            result.errorCounts().forEach((error, count) -> out.printf(Locale.ROOT, "    %d x %s%n", count, error));
        }
        out.flush();
    }

    /** The server side's CPU per request of the phase just printed: the server's JVM and Redis. */
    public void serverCpu(ServerCpu.Sample used, long requests) {
        serverCpu(used, requests, "request");
    }

    /** The server side's CPU per {@code unit} (request, event) of the phase just printed: the server's JVM and Redis. */
    public void serverCpu(ServerCpu.Sample used, long count, String unit) {
        if (count == 0) {
            return;
        }
        double redisMicros = used.redisSeconds() * 1e6 / count;
        if (used.serverSeconds().isPresent()) {
            double serverMicros = used.serverSeconds().getAsDouble() * 1e6 / count;
            out.printf(Locale.ROOT, "    server-side CPU per %s: %.1f us (server JVM %.1f us + Redis %.1f us)%n",
                    unit, serverMicros + redisMicros, serverMicros, redisMicros);
        }
        else {
            out.printf(Locale.ROOT, "    server-side CPU per %s: Redis %.1f us (the server's /metrics was not read)%n", unit, redisMicros);
        }
        out.flush();
    }

    public void compare(Comparison comparison) {
        if (!comparisonHeaderPrinted) {
            out.printf(Locale.ROOT, COMPARISON, "figure", "value", "baseline", "value", "ratio", "unit");
            comparisonHeaderPrinted = true;
        }
        out.printf(Locale.ROOT, COMPARISON, comparison.figure(), format("%.1f", comparison.value()),
                comparison.baseline(), format("%.1f", comparison.baselineValue()), format("%.3f", comparison.ratio()), comparison.unit());
        out.flush();
    }

    private static String millis(long nanos) {
        return format("%.3f", nanos / 1e6);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
