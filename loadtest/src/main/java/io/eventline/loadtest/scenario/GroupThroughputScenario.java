package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.EventlineAppend;
import io.eventline.loadtest.operation.StreamPicker;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.subscribe.BenchGroups;
import io.eventline.loadtest.subscribe.DeliveryListener;
import io.eventline.loadtest.subscribe.Progress;
import io.eventline.loadtest.subscribe.RawGroupReader;
import io.eventline.loadtest.subscribe.SubscriberCounts;
import io.eventline.loadtest.subscribe.SubscriberFleet;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Consumer-group throughput: G groups x K consumers on one stream. First a preloaded backlog of B
 * events, drained (delivered and acked) as fast as the consumers go; then live, with appends running
 * while they consume. Baseline: the same backlog drained with raw XREADGROUP + XACK, one connection
 * per consumer.
 */
public final class GroupThroughputScenario implements Scenario {
    /** Pipelined XADDs per round trip while the baseline's backlog is written. */
    private static final int FILL_CHUNK = 1000;

    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        SubscriptionLoad load = settings.subscriptionLoad();
        ScenarioPrinter printer = context.printer();
        long backlogDeliveries = (long) load.groups() * load.backlog();
        printer.section(String.format(Locale.ROOT,
                "groups: %d group(s) x %d consumers on one stream, backlog %d events of %d B, max_in_flight %d, max_batch_size %d, acks in batches of %d",
                load.groups(), load.consumers(), load.backlog(), settings.payloadBytes(), load.maxInFlight(), load.batchSize(), load.ackBatch()));

        String stream = context.names().streamPrefix("g") + "0";
        new StreamFiller(context.channels().forSlot(0), context.events(), settings.timeout()).fill(stream, load.backlog());
        BenchGroups groups = new BenchGroups(context.channels().forSlot(0), settings.timeout());
        try (SubscriberFleet fleet = new SubscriberFleet(context.channels(), load.ackBatch())) {
            for (int group = 0; group < load.groups(); group++) {
                groups.create(context.names().streamPrefix("grp") + group, stream, true);
            }
            long start = System.nanoTime();
            fleet.open(groups.consumers(stream, load.consumers(), load.maxInFlight(), load.batchSize()), DeliveryListener.NONE, settings.timeout());
            fleet.awaitAcked(backlogDeliveries, start + settings.duration().toNanos());
            double eventlineBacklogRate = note(printer, "eventline backlog", fleet.counts(), backlogDeliveries, System.nanoTime() - start);

            long ackedBefore = fleet.counts().acked();
            RunResult appends = context.phases().measureOnly("eventline live appends (1 stream)",
                    new EventlineAppend(context.channels(), StreamPicker.fixed(stream), context.events(), 1, settings.timeout()));
            long ackedLive = fleet.counts().acked() - ackedBefore;
            double liveRate = ackedLive * 1e9 / appends.total().toNanos();
            long liveTarget = backlogDeliveries + (long) load.groups() * appends.items();
            long drainStart = System.nanoTime();
            boolean drained = fleet.awaitAcked(liveTarget, drainStart + settings.duration().toNanos());
            printer.note(String.format(Locale.ROOT,
                    "eventline live: %.0f appends/s for %.2f s; %.0f delivered+acked/s meanwhile (%.2f of the %d x appended); "
                            + "%s %.2f s after the appends stopped",
                    appends.itemsPerSecond(), appends.total().toNanos() / 1e9, liveRate,
                    appends.items() == 0 ? 0 : (double) ackedLive / (load.groups() * appends.items()), load.groups(),
                    drained ? "all acked" : "still behind by " + (liveTarget - fleet.counts().acked()) + " deliveries",
                    (System.nanoTime() - drainStart) / 1e9));

            double rawBacklogRate = rawBacklog(context, load, backlogDeliveries);
            printer.section("groups: backlog delivered+acked per second, Eventline over raw XREADGROUP + XACK (same run, same groups and consumers)");
            printer.compare(new Comparison("eventline backlog", eventlineBacklogRate, "raw XREADGROUP+XACK backlog", rawBacklogRate, "acked/s"));
        }
        finally {
            groups.deleteAll();
        }
    }

    private static double rawBacklog(ScenarioContext context, SubscriptionLoad load, long deliveries) throws Exception {
        RedisAsyncCommands<byte[], byte[]> shared = context.redis().shared();
        byte[] key = (context.baselineKeyPrefix() + "g").getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<?>> writes = new ArrayList<>(FILL_CHUNK);
        for (int written = 0; written < load.backlog(); written++) {
            writes.add(shared.xadd(key, context.entryFields().next()).toCompletableFuture());
            if (writes.size() == FILL_CHUNK || written == load.backlog() - 1) {
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(context.settings().timeout().toNanos(), TimeUnit.NANOSECONDS);
                writes.clear();
            }
        }
        List<String> groups = new ArrayList<>();
        for (int group = 0; group < load.groups(); group++) {
            String name = "grp" + group;
            shared.xgroupCreate(XReadArgs.StreamOffset.from(key, "0-0"), name.getBytes(StandardCharsets.UTF_8), XGroupCreateArgs.Builder.mkstream())
                    .get(context.settings().timeout().toNanos(), TimeUnit.NANOSECONDS);
            groups.add(name);
        }
        List<RedisAsyncCommands<byte[], byte[]>> connections = context.redis().openDedicated(load.groups() * load.consumers());
        try {
            SubscriberCounts counts = new SubscriberCounts();
            long start = System.nanoTime();
            int next = 0;
            for (String group : groups) {
                for (int consumer = 0; consumer < load.consumers(); consumer++) {
                    new RawGroupReader(connections.get(next++), key, group, "c" + consumer, load.maxInFlight(), counts).start();
                }
            }
            Progress.await(counts::acked, deliveries, start + context.settings().duration().toNanos());
            return note(context.printer(), "raw XREADGROUP+XACK backlog", counts, deliveries, System.nanoTime() - start);
        }
        finally {
            context.redis().closeDedicated();
        }
    }

    /** Prints how a backlog drain went and returns its delivered-and-acked rate. */
    private static double note(ScenarioPrinter printer, String name, SubscriberCounts counts, long target, long elapsedNanos) {
        double rate = counts.acked() * 1e9 / elapsedNanos;
        printer.note(String.format(Locale.ROOT, "%s: %d of %d deliveries acked (%d delivered) in %.2f s: %.0f delivered+acked/s%s",
                name, counts.acked(), target, counts.delivered(), elapsedNanos / 1e9, rate,
                counts.acked() < target ? " (stopped by -z)" : ""));
        return rate;
    }
}
