package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.TimestampedAppend;
import io.eventline.loadtest.operation.TimestampedXadd;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.subscribe.BenchGroups;
import io.eventline.loadtest.subscribe.LatencyHistogram;
import io.eventline.loadtest.subscribe.Progress;
import io.eventline.loadtest.subscribe.RawLatencyTail;
import io.eventline.loadtest.subscribe.SentTimestamp;
import io.eventline.loadtest.subscribe.SubscriberFleet;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency, append due to delivery received, at a fixed append rate: one consumer of a
 * group on one stream, appends paced at {@code --rps}. Latency is recorded per delivered event from
 * the due time stamped in its payload (coordinated-omission corrected, like the paced appends). Baseline: XADD at the same rate, read by one XREADGROUP
 * BLOCK consumer on its own connection.
 */
public final class DeliveryLatencyScenario implements Scenario {
    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        SubscriptionLoad load = settings.subscriptionLoad();
        ScenarioPrinter printer = context.printer();
        printer.section(String.format(Locale.ROOT, "latency: append -> delivery at %.0f appends/s, 1 event of %d B, one group consumer, max_in_flight %d, max_batch_size %d",
                load.rps(), Math.max(SentTimestamp.BYTES, settings.payloadBytes()), load.maxInFlight(), load.batchSize()));

        String stream = context.names().streamPrefix("l") + "0";
        LatencyHistogram eventlineLatencies = new LatencyHistogram();
        BenchGroups groups = new BenchGroups(context.channels().forSlot(0), settings.timeout());
        RunResult eventline;
        try (SubscriberFleet fleet = new SubscriberFleet(context.channels(), load.ackBatch())) {
            groups.create(context.names().streamPrefix("lat") + "0", stream, false);
            fleet.open(groups.consumers(stream, 1, load.maxInFlight(), load.batchSize()),
                    (delivery, received) -> eventlineLatencies.record(SentTimestamp.read(delivery.getEvent().getData().asReadOnlyByteBuffer()), received),
                    settings.timeout());
            eventline = measure(context, "eventline append -> delivery", "eventline appends (paced)", eventlineLatencies,
                    new TimestampedAppend(context.channels(), stream, settings.eventType(), settings.payloadBytes(), settings.timeout()));
        }
        finally {
            groups.deleteAll();
        }

        byte[] key = (context.baselineKeyPrefix() + "l").getBytes(StandardCharsets.UTF_8);
        context.redis().shared().xgroupCreate(XReadArgs.StreamOffset.from(key, "$"), "lat".getBytes(StandardCharsets.UTF_8),
                XGroupCreateArgs.Builder.mkstream()).get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        LatencyHistogram rawLatencies = new LatencyHistogram();
        RawLatencyTail tail = new RawLatencyTail(context.redis().openDedicated(1).get(0), key, "lat", rawLatencies);
        RunResult raw;
        try {
            tail.start();
            raw = measure(context, "raw XADD -> XREADGROUP BLOCK", "raw XADD (paced)", rawLatencies,
                    new TimestampedXadd(context.redis().shared(), key, settings.payloadBytes()));
            tail.stop().get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        finally {
            context.redis().closeDedicated();
        }

        printer.section("latency: append -> delivery, Eventline beside raw Redis (same run, same rate)");
        LatencyComparisons.print(printer, eventline, raw);
    }

    /** Paced appends with latencies recorded from the measured phase on; prints the latencies as a phase of their own. */
    private static RunResult measure(ScenarioContext context, String name, String appendsName, LatencyHistogram latencies,
            Operation append) throws InterruptedException {
        Instant date = Instant.now();
        RunResult appends = context.phases().measurePaced(appendsName, append, context.settings().subscriptionLoad().rps(),
                () -> latencies.measureFrom(System.nanoTime()));
        // the last deliveries may arrive after the appends stop: wait for them up to -z more
        Duration grace = context.settings().duration();
        boolean all = Progress.await(latencies::recorded, appends.successes(), System.nanoTime() + grace.toNanos());
        RunResult delivered = latencies.result(name, date, appends.total());
        context.printer().phase(delivered);
        if (!all) {
            context.printer().note(String.format(Locale.ROOT, "%s: %d of %d appended events delivered within %s of the last append",
                    name, delivered.count(), appends.successes(), grace));
        }
        return delivered;
    }
}
