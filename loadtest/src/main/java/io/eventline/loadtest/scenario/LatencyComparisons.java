package io.eventline.loadtest.scenario;

import io.eventline.loadtest.run.RunResult;

/** Prints a latency figure beside its baseline at p50 and p99 (a ratio above 1 means Eventline is slower). */
final class LatencyComparisons {
    private LatencyComparisons() {
    }

    static void print(ScenarioPrinter printer, RunResult figure, RunResult baseline) {
        printer.compare(new Comparison(figure.name() + " p50", figure.percentileNanos(50) / 1e3,
                baseline.name() + " p50", baseline.percentileNanos(50) / 1e3, "us"));
        printer.compare(new Comparison(figure.name() + " p99", figure.percentileNanos(99) / 1e3,
                baseline.name() + " p99", baseline.percentileNanos(99) / 1e3, "us"));
    }
}
