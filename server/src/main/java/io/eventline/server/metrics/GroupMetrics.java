package io.eventline.server.metrics;

import io.eventline.server.concurrent.DaemonThreads;
import io.eventline.server.store.Caller;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupDefinition;
import io.eventline.server.store.subscribe.GroupStatus;
import io.eventline.server.store.subscribe.GroupStore;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** Per-group lag, pending and parked gauges (tagged by group), refreshed periodically from DescribeGroup's figures. */
public final class GroupMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupMetrics.class);
    /**
     * Groups described at once. Each description is a few small Redis reads (counts and ids, never
     * event bodies); describing a store's 2,200 groups in one burst was the likely cause of append
     * p99s over 200 ms (docs/benchmarks.md). A few at a time leave Redis room for appends in between.
     */
    private static final int DESCRIBES_IN_FLIGHT = 8;

    private final GroupStore groups;
    private final GroupAdmin admin;
    private final Duration interval;
    private final MultiGauge lag;
    private final MultiGauge pending;
    private final MultiGauge parked;
    private final ScheduledExecutorService scheduler;
    private final WarningThrottle warnings = new WarningThrottle(Duration.ofMinutes(1), System::nanoTime);

    public GroupMetrics(EventlineMetrics metrics, GroupStore groups, GroupAdmin admin, Duration interval) {
        this.groups = requireNonNull(groups, "groups is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.lag = MultiGauge.builder("eventline.group.lag").description("Entries not yet delivered to the group").register(metrics.registry());
        this.pending = MultiGauge.builder("eventline.group.pending").description("Deliveries awaiting Ack/Nack").register(metrics.registry());
        this.parked = MultiGauge.builder("eventline.group.parked").description("Parked messages").register(metrics.registry());
        this.scheduler = DaemonThreads.scheduler("group-metrics", 1);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Describes every group once and publishes the figures; gives up once the interval has passed. */
    public void refresh() {
        long deadline = System.nanoTime() + interval.toNanos();
        try {
            List<GroupDefinition> definitions = groups.list(Caller.trusted()).get(interval.toNanos(), TimeUnit.NANOSECONDS);
            List<GroupStatus> statuses = describeAll(definitions, deadline);
            lag.register(rows(statuses, GroupStatus::lag), true);
            pending.register(rows(statuses, GroupStatus::pending), true);
            parked.register(rows(statuses, GroupStatus::parked), true);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException | RuntimeException | Error e) {
            // caught, Errors too: an exception thrown out of a periodic task ends its schedule for good
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (warnings.allow(cause.getClass().getName())) {
                log.warn("Group metrics not refreshed (logged at most once a minute per cause): {}", cause.toString());
            }
        }
    }

    private List<GroupStatus> describeAll(List<GroupDefinition> definitions, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Function<String, CompletableFuture<GroupStatus>> describer = admin.describer();
        CompletableFuture<List<GroupStatus>> described = Flux.fromIterable(definitions)
                .flatMapSequential(definition -> Mono.fromFuture(() -> describer.apply(definition.name())), DESCRIBES_IN_FLIGHT)
                .collectList()
                .toFuture();
        try {
            return described.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        finally {
            // a refresh that ran out of time starts no more descriptions: they would pile up under the next refresh
            described.cancel(false);
        }
    }

    private static List<MultiGauge.Row<?>> rows(List<GroupStatus> statuses, java.util.function.ToLongFunction<GroupStatus> figure) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (GroupStatus status : statuses) {
            rows.add(MultiGauge.Row.of(Tags.of("group", status.group().name()), figure.applyAsLong(status)));
        }
        return rows;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
