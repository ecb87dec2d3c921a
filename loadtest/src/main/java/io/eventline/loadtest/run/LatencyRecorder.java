package io.eventline.loadtest.run;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * Collects the outcome of every request from whichever thread completes it: latencies into an
 * HdrHistogram {@link Recorder} (safe for concurrent writers), status and error counts, and, each
 * time {@link #sample} is called, one point of the latency-over-time series.
 */
final class LatencyRecorder {
    /** Distinct error texts kept; the rest are counted under one line so a storm of unique messages stays bounded. */
    static final int MAX_DISTINCT_ERRORS = 100;
    static final String OTHER_ERRORS = "(other errors)";

    private final long startNanos;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder items = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder latencySum = new LongAdder();
    private final AtomicLong responses = new AtomicLong();
    private final RecordingRules rules;
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private final CallLog callLog;
    private Histogram interval;
    private long lastSampleNanos;

    LatencyRecorder(long startNanos, RecordingRules rules) {
        this.startNanos = startNanos;
        this.lastSampleNanos = startNanos;
        this.rules = requireNonNull(rules, "rules is null");
        this.callLog = rules.callLogCapacity() > 0 ? new CallLog(rules.callLogCapacity()) : null;
    }

    /** Records a request that was due at {@code intendedStartNanos}: its latency counts from then, however late it was sent. */
    void record(long intendedStartNanos, long endNanos, Outcome outcome) {
        if (responses.incrementAndGet() <= rules.skipFirst()) {
            return;
        }
        long latency = Math.max(0, endNanos - intendedStartNanos);
        latencySum.add(latency);
        if (outcome.succeeded() || rules.countErrors()) {
            recorder.recordValue(latency);
        }
        statuses.computeIfAbsent(outcome.status(), status -> new LongAdder()).increment();
        if (!outcome.succeeded()) {
            String key = errors.containsKey(outcome.error()) || errors.size() < MAX_DISTINCT_ERRORS ? outcome.error() : OTHER_ERRORS;
            errors.computeIfAbsent(key, error -> new LongAdder()).increment();
        }
        items.add(outcome.items());
        finished.increment();
        if (callLog != null) {
            callLog.add(new CallRecord(intendedStartNanos - startNanos, latency, outcome.status(), outcome.error()));
        }
    }

    long finishedCount() {
        return finished.sum();
    }

    long failedCount() {
        LongAdder ok = statuses.get(Outcome.OK);
        return finished.sum() - (ok == null ? 0 : ok.sum());
    }

    /** Closes the current interval: adds it to the total and to the timeline. Called by one thread at a time. */
    synchronized void sample(long nowNanos) {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        long length = nowNanos - lastSampleNanos;
        if (interval.getTotalCount() > 0 && length > 0) {
            timeline.add(new TimelinePoint(
                    Duration.ofNanos(nowNanos - startNanos),
                    interval.getTotalCount(),
                    interval.getTotalCount() * 1e9 / length,
                    interval.getValueAtPercentile(50),
                    interval.getValueAtPercentile(99),
                    interval.getMaxValue()));
        }
        lastSampleNanos = nowNanos;
    }

    synchronized RunResult finish(String name, Instant date, long endNanos, EndReason endReason) {
        sample(endNanos);
        return new RunResult(
                name,
                date,
                endReason,
                Duration.ofNanos(endNanos - startNanos),
                total.copy(),
                finished.sum(),
                latencySum.sum(),
                sums(statuses),
                sums(errors),
                items.sum(),
                timeline,
                callLog == null ? List.of() : callLog.snapshot(),
                callLog == null ? 0 : callLog.dropped());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
