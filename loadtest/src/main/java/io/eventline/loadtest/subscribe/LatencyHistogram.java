package io.eventline.loadtest.subscribe;

import io.eventline.loadtest.run.EndReason;
import io.eventline.loadtest.run.RunResult;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * End-to-end latencies (append due to delivery received) of the events due from
 * {@link #measureFrom} on, recorded from any thread into an HdrHistogram {@link Recorder}.
 */
public final class LatencyHistogram {
    private final Recorder recorder = new Recorder(3);
    private final LongAdder recorded = new LongAdder();
    private volatile long measureFromNanos = Long.MAX_VALUE;

    /** Latencies of events due before this (warm-up) are not recorded. */
    public void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    public void record(long sentNanos, long receivedNanos) {
        if (sentNanos - measureFromNanos >= 0) {
            recorder.recordValue(Math.max(0, receivedNanos - sentNanos));
            recorded.increment();
        }
    }

    public long recorded() {
        return recorded.sum();
    }

    /** The latencies recorded so far as a run result, so they print like any phase. */
    public RunResult result(String name, Instant date, Duration total) {
        var histogram = recorder.getIntervalHistogram();
        return new RunResult(name, date, EndReason.NORMAL, total, histogram, histogram.getTotalCount(),
                Math.round(histogram.getMean() * histogram.getTotalCount()), Map.of("OK", histogram.getTotalCount()), Map.of(),
                histogram.getTotalCount(), List.of(), List.of(), 0);
    }
}
