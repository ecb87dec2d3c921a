package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.EventlineAppend;
import io.eventline.loadtest.operation.RawXadd;
import io.eventline.loadtest.operation.StreamPicker;
import io.eventline.loadtest.redis.RedisInfo;
import io.eventline.loadtest.run.RunResult;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Redis memory per stored event: K streams of E single-event appends through the server, measured as
 * the growth of the memory holding data (INFO used_memory less client and AOF buffers; MEMORY USAGE of
 * sampled keys as a breakdown), against the same events written as plain XADD to one Redis stream
 * per stream name. Needs the server's own Redis.
 */
public final class MemoryScenario implements Scenario {
    private static final int SAMPLED_STREAMS = 20;
    /** Lets replies, client buffers and lazy frees settle before INFO is read. */
    private static final long SETTLE_MILLIS = 500;

    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        ScenarioPrinter printer = context.printer();
        int streams = settings.streams();
        long events = (long) streams * settings.eventsPerStream();
        RedisInfo memory = new RedisInfo(context.redis().admin());
        printer.section(String.format(Locale.ROOT, "memory: %d streams x %d events of %d B (%d events), single-event appends, concurrency %d",
                streams, settings.eventsPerStream(), settings.payloadBytes(), events, settings.concurrency()));
        printer.note("Redis " + memory.redisVersion() + ", stream-node-max-bytes " + memory.config("stream-node-max-bytes")
                + ", stream-node-max-entries " + memory.config("stream-node-max-entries"));

        String prefix = context.names().streamPrefix("m");
        StreamPicker roundRobin = StreamPicker.roundRobin(prefix, streams);
        StoreKeys serverKeys = context.serverKeys();
        String logKey = new String(serverKeys.logKey(0), StandardCharsets.UTF_8);

        long logBefore = memory.memoryUsage(logKey);
        long before = settledStoredBytes(memory);
        RunResult eventline = context.phases().measureExactly("eventline appends",
                new EventlineAppend(context.channels(), roundRobin, context.events(), 1, settings.timeout()), events);
        long after = settledStoredBytes(memory);
        long logAfter = memory.memoryUsage(logKey);
        long stored = eventline.items();
        requireServerUsesThisRedis(context, serverKeys, prefix + "0");

        long streamBytes = 0;
        long metaBytes = 0;
        int sampled = Math.min(SAMPLED_STREAMS, streams);
        for (int i = 0; i < sampled; i++) {
            StreamLocation location = serverKeys.locate(StreamName.parse(prefix + i, "stream"));
            streamBytes += memory.memoryUsage(new String(location.streamKey(), StandardCharsets.UTF_8));
            metaBytes += memory.memoryUsage(new String(location.metaKey(), StandardCharsets.UTF_8));
        }
        double eventlinePerEvent = (double) (after - before) / stored;
        printer.note(String.format(Locale.ROOT, "eventline: stored memory (used_memory less client and AOF buffers) grew by %d B for %d events: %.1f B/event", after - before, stored, eventlinePerEvent));
        printer.note(String.format(Locale.ROOT, "  MEMORY USAGE of %d sampled streams, per event: stream key %.1f B, meta hash %.1f B; $all log growth %.1f B/event",
                sampled, (double) streamBytes / sampled / settings.eventsPerStream(), (double) metaBytes / sampled / settings.eventsPerStream(),
                (double) (logAfter - logBefore) / stored));

        String baselinePrefix = context.baselineKeyPrefix() + "x:";
        long baselineBefore = settledStoredBytes(memory);
        RunResult xadd = context.phases().measureExactly("baseline plain XADD",
                new RawXadd(context.redis().shared(), baselinePrefix, roundRobin, context.entryFields(), 1), events);
        long baselineAfter = settledStoredBytes(memory);
        long baselineStreamBytes = 0;
        for (int i = 0; i < sampled; i++) {
            baselineStreamBytes += memory.memoryUsage(baselinePrefix + prefix + i);
        }
        double baselinePerEvent = (double) (baselineAfter - baselineBefore) / xadd.items();
        printer.note(String.format(Locale.ROOT, "baseline: stored memory grew by %d B for %d events: %.1f B/event; MEMORY USAGE per event of %d sampled streams %.1f B",
                baselineAfter - baselineBefore, xadd.items(), baselinePerEvent, sampled,
                (double) baselineStreamBytes / sampled / settings.eventsPerStream()));

        printer.section("memory: Redis bytes per stored event, Eventline over plain XADD (same run, same events)");
        printer.compare(new Comparison("eventline", eventlinePerEvent, "plain XADD, one stream per name", baselinePerEvent, "B/event"));
    }

    private static long settledStoredBytes(RedisInfo memory) throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        return memory.storedBytes();
    }

    private static void requireServerUsesThisRedis(ScenarioContext context, StoreKeys keys, String stream) {
        String metaKey = new String(keys.locate(StreamName.parse(stream, "stream")).metaKey(), StandardCharsets.UTF_8);
        if (context.redis().admin().exists(metaKey) == 0) {
            throw new IllegalStateException("the Redis at --redis-uri has no key " + metaKey
                    + " after the server wrote that stream: give the Redis the server uses, and the server's --namespace and --partitions");
        }
    }
}
