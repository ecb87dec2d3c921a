package io.eventline.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The event store's own meters. Names are dotted (Prometheus renders {@code eventline.events.appended}
 * as {@code eventline_events_appended_total}); tags are bounded: never a stream name.
 */
public final class EventlineMetrics {
    private final MeterRegistry registry;
    private final Timer appendOk;
    private final Timer appendDeduplicated;
    private final Timer appendConflict;
    private final Timer appendRefused;
    private final Counter eventsAppended;
    private final DistributionSummary appendsPerCall;
    private final Counter conflicts;
    private final Counter dedupHits;
    private final Counter streamReads;
    private final Counter allReads;
    private final Counter eventsRead;
    private final Counter groupDeliveries;
    private final Counter catchUpDeliveries;
    private final Counter redeliveries;
    private final Counter acks;
    private final Counter nackRetry;
    private final Counter nackPark;
    private final Counter nackSkip;
    private final Counter parked;
    private final AtomicLong bufferedBytes = new AtomicLong();

    public EventlineMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.appendOk = appendTimer("ok");
        this.appendDeduplicated = appendTimer("deduplicated");
        this.appendConflict = appendTimer("conflict");
        this.appendRefused = appendTimer("refused");
        this.eventsAppended = Counter.builder("eventline.events.appended").description("Events written by appends").register(registry);
        this.appendsPerCall = DistributionSummary.builder("eventline.append.call.appends")
                .description("Appends carried by one call of the append script (group commit)")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                .register(registry);
        this.conflicts = Counter.builder("eventline.append.conflicts").description("Appends refused for a wrong expected version").register(registry);
        this.dedupHits = Counter.builder("eventline.append.dedup.hits").description("Appends answered from an earlier append with the same event ids").register(registry);
        this.streamReads = Counter.builder("eventline.reads").tag("target", "stream").description("ReadStream calls").register(registry);
        this.allReads = Counter.builder("eventline.reads").tag("target", "all").description("ReadStream calls").register(registry);
        this.eventsRead = Counter.builder("eventline.events.read").description("Events returned by ReadStream").register(registry);
        this.groupDeliveries = Counter.builder("eventline.deliveries").tag("kind", "group").description("Events delivered to subscribers").register(registry);
        this.catchUpDeliveries = Counter.builder("eventline.deliveries").tag("kind", "catch_up").description("Events delivered to subscribers").register(registry);
        this.redeliveries = Counter.builder("eventline.redeliveries").description("Group deliveries of an event delivered before").register(registry);
        this.acks = Counter.builder("eventline.acks").description("Deliveries settled by Ack").register(registry);
        this.nackRetry = nackCounter("retry");
        this.nackPark = nackCounter("park");
        this.nackSkip = nackCounter("skip");
        this.parked = Counter.builder("eventline.parked").description("Deliveries moved to a parked list").register(registry);
        io.micrometer.core.instrument.Gauge.builder("eventline.subscriptions.buffered.bytes", bufferedBytes, AtomicLong::get)
                .description("Bytes of Subscribe responses queued in the server for clients not ready to take them")
                .baseUnit("bytes")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void appended(int events, Duration took, boolean deduplicated) {
        if (deduplicated) {
            appendDeduplicated.record(took);
            dedupHits.increment();
        }
        else {
            appendOk.record(took);
            eventsAppended.increment(events);
        }
    }

    /** One append-script call sent, carrying this many appends. */
    public void appendCall(int appends) {
        appendsPerCall.record(appends);
    }

    public void appendConflicted(Duration took) {
        appendConflict.record(took);
        conflicts.increment();
    }

    public void appendRefused(Duration took) {
        appendRefused.record(took);
    }

    public void read(boolean all) {
        (all ? allReads : streamReads).increment();
    }

    public void eventsRead(int events) {
        eventsRead.increment(events);
    }

    public void delivered(boolean group, int deliveryCount) {
        (group ? groupDeliveries : catchUpDeliveries).increment();
        if (deliveryCount > 1) {
            redeliveries.increment();
        }
    }

    public void acked(int count) {
        acks.increment(count);
    }

    public void nacked(String action, int count) {
        switch (action) {
            case "retry" -> nackRetry.increment(count);
            case "park" -> nackPark.increment(count);
            default -> nackSkip.increment(count);
        }
    }

    public void parked(int count) {
        parked.increment(count);
    }

    /** Responses of this many bytes were queued for a client (negative: written or dropped). */
    public void buffered(long bytes) {
        bufferedBytes.addAndGet(bytes);
    }

    /** A gauge of something the caller counts, e.g. open subscriptions. */
    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    private Timer appendTimer(String outcome) {
        return Timer.builder("eventline.append")
                .description("AppendEvents handled by the store, from validation to the script's reply")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    private Counter nackCounter(String action) {
        return Counter.builder("eventline.nacks").tag("action", action).description("Deliveries settled by Nack").register(registry);
    }
}
