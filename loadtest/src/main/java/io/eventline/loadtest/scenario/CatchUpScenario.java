package io.eventline.loadtest.scenario;

import com.google.protobuf.Empty;
import io.eventline.loadtest.subscribe.DeliveryListener;
import io.eventline.loadtest.subscribe.Progress;
import io.eventline.loadtest.subscribe.RawCatchUpReader;
import io.eventline.loadtest.subscribe.SubscriberCounts;
import io.eventline.loadtest.subscribe.SubscriberFleet;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscriptionStart;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Catch-up subscriptions (no group) reading a backlog of B events from the start of one stream:
 * one subscription, then {@code --consumers} at once, then one on $all filtered to the stream's
 * category, starting at the stream's first event. Each counts its deliveries to B. Baseline: the
 * stream's key read with XRANGE pages of the server's page size, one page after the other, by as
 * many readers as there are subscriptions.
 */
public final class CatchUpScenario implements Scenario {
    /** The server's default store.read-page-size: the pages its catch-up cursor reads. */
    static final int SERVER_READ_PAGE_SIZE = 256;

    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        SubscriptionLoad load = settings.subscriptionLoad();
        int backlog = load.backlog();
        if (backlog < 1) {
            throw new IllegalArgumentException("catch-up needs a --backlog of at least 1 event");
        }
        ScenarioPrinter printer = context.printer();
        printer.section(String.format(Locale.ROOT,
                "catch-up: one stream of %d events of %d B read from its start, max_batch_size %d; baseline XRANGE pages of %d",
                backlog, settings.payloadBytes(), load.batchSize(), SERVER_READ_PAGE_SIZE));

        String stream = context.names().streamPrefix("cu") + "0";
        String firstPosition = new StreamFiller(context.channels().forSlot(0), context.events(), settings.timeout()).fill(stream, backlog);
        byte[] key = context.serverStreamKey(stream, backlog);
        SubscribeRequest fromStart = SubscribeRequest.newBuilder().setStream(stream)
                .setStart(SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()))
                .setMaxBatchSize(load.batchSize()).build();
        warmUp(context, fromStart, backlog);

        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(compare(context, fromStart, key, 1));
        if (load.consumers() > 1) {
            comparisons.add(compare(context, fromStart, key, load.consumers()));
        }
        SubscribeRequest category = SubscribeRequest.newBuilder()
                .setAll(AllTarget.newBuilder().addCategories(stream.substring(0, stream.indexOf('-'))))
                .setStart(SubscriptionStart.newBuilder().setPosition(firstPosition))
                .setMaxBatchSize(load.batchSize()).build();
        double all = eventline(context, "eventline $all catch-up, 1 category", category, 1, backlog);
        comparisons.add(new Comparison("eventline $all catch-up, 1 category", all, comparisons.get(0).baseline(),
                comparisons.get(0).baselineValue(), "events/s"));

        printer.section("catch-up: events/s delivered, Eventline over raw XRANGE pages (same run, same stream, as many readers as subscriptions)");
        comparisons.forEach(printer::compare);
    }

    /** {@code subscribers} catch-up subscriptions on the stream, then as many raw readers of its key. */
    private static Comparison compare(ScenarioContext context, SubscribeRequest request, byte[] key, int subscribers) throws Exception {
        int backlog = context.settings().subscriptionLoad().backlog();
        String name = "eventline catch-up, " + plural(subscribers, "subscriber");
        double eventline = eventline(context, name, request, subscribers, backlog);
        String baseline = "raw XRANGE pages of " + SERVER_READ_PAGE_SIZE + ", " + plural(subscribers, "reader");
        return new Comparison(name, eventline, baseline, raw(context, baseline, key, subscribers, backlog), "events/s");
    }

    private static double eventline(ScenarioContext context, String name, SubscribeRequest request, int subscribers, int backlog)
            throws Exception {
        try (SubscriberFleet fleet = new SubscriberFleet(context.channels(), 1)) {
            return context.phases().measureCount(name, "event", (long) subscribers * backlog,
                    () -> fleet.open(Collections.nCopies(subscribers, request), DeliveryListener.NONE, context.settings().timeout()),
                    fleet.counts()::delivered);
        }
    }

    private static double raw(ScenarioContext context, String name, byte[] key, int readers, int backlog) throws Exception {
        List<RedisAsyncCommands<byte[], byte[]>> connections = context.redis().openDedicated(readers);
        try {
            SubscriberCounts counts = new SubscriberCounts();
            List<CompletableFuture<Void>> reads = new ArrayList<>(readers);
            long deadline = System.nanoTime() + context.settings().duration().toNanos();
            double rate = context.phases().measureCount(name, "event", (long) readers * backlog,
                    () -> connections.forEach(redis -> reads.add(new RawCatchUpReader(redis, key, SERVER_READ_PAGE_SIZE, deadline, counts).start())),
                    counts::delivered);
            for (CompletableFuture<Void> read : reads) {
                if (read.isCompletedExceptionally()) {
                    read.join();
                }
            }
            return rate;
        }
        finally {
            context.redis().closeDedicated();
        }
    }

    /** One unmeasured catch-up of the backlog, at most --initial-warmup long, so the server's read path is compiled. */
    private static void warmUp(ScenarioContext context, SubscribeRequest request, int backlog) throws Exception {
        if (context.settings().initialWarmup().isZero()) {
            return;
        }
        try (SubscriberFleet fleet = new SubscriberFleet(context.channels(), 1)) {
            fleet.open(List.of(request), DeliveryListener.NONE, context.settings().timeout());
            Progress.await(fleet.counts()::delivered, backlog, System.nanoTime() + context.settings().initialWarmup().toNanos());
        }
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
