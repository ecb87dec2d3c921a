package io.eventline.server.faults;

import io.eventline.proto.v1.RecordedEvent;
import io.eventline.server.store.ByteBudget;
import io.eventline.server.testing.Ports;
import io.grpc.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One server (a JVM of its own, on its embedded Redis with appendfsync always) under mixed load for a
 * bounded time: appenders, a reader, two consumer groups with two consumers each, a catch-up
 * subscription; in the middle the embedded redis-server is killed with SIGKILL (the server's
 * supervisor restarts it) and a subscriber stops reading for a while. Nothing acknowledged is lost,
 * every group gets every event acknowledged, the paused subscriber gets every event once it reads
 * again, and what the server buffers and its heap stay within stated bounds. Heap, buffers and RSS
 * are sampled each second and printed.
 */
@Tag("fault")
@Timeout(900)
class SoakFaultTest {
    private static final String NAMESPACE = "soak";
    private static final Duration ACK_EVERY = Duration.ofMillis(100);
    private static final Duration PAUSED_CATCH_UP_BOUND = Duration.ofSeconds(90);
    /** Subscribe calls open at once: two consumers of each group, the catch-up reader, the paused subscriber. */
    private static final int SUBSCRIBE_CALLS = FaultRun.GROUPS.size() * 2 + 2;
    /** docs/operations.md, Memory: per call one budget (subscriptions.max-buffered-bytes, store.read-page-bytes) plus one event; the events here are far below 4 KiB. */
    private static final long BUFFERED_BOUND = SUBSCRIBE_CALLS * (ByteBudget.DEFAULT_MAX_BYTES + 4096L);
    /** Generous: the lowest heap sample late in the run against the lowest early on; a leak of what the soak moves would pass it. */
    private static final long HEAP_FLOOR_GROWTH_CEILING = 256L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    @Test
    void oneServerUnderMixedLoadWithARedisKillAndAPausedSubscriber(@TempDir Path redisData, @TempDir Path logs) throws Exception {
        SoakScale scale = SoakScale.fromSystemProperty();
        int redisPort = Ports.free();
        int metricsPort = Ports.free();
        List<String> flags = new ArrayList<>(FaultRun.SERVER_FLAGS);
        flags.addAll(List.of("--redis.embedded.data-dir=" + redisData, "--redis.embedded.port=" + redisPort, "--redis.embedded.appendfsync=always",
                "--metrics.host=127.0.0.1", "--metrics.port=" + metricsPort, "--store.namespace=" + NAMESPACE));
        Set<Long> redisPids = new LinkedHashSet<>();
        List<Long> leftovers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(logs.resolve("server.log"), flags);
             EmbeddedRedisControl redis = EmbeddedRedisControl.connect(redisPort, redisPids);
             ServerMemorySampler sampler = ServerMemorySampler.start(server.pid(), metricsPort);
             SoakFault fault = new SoakFault(redis, server.channel(), server.port(), scale)) {
            Channel channel = server.channel();
            List<ConsumerSite> sites = List.of(new ConsumerSite("worker-1", channel, ACK_EVERY), new ConsumerSite("worker-2", channel, ACK_EVERY));
            FaultSummary summary = new FaultRun("soak", scale.faults(), FaultStore.singlePartition(redis.admin(), NAMESPACE), channel, channel, sites)
                    .run(fault);
            ReadLoad.Result reads = fault.stopReads();
            problems.addAll(reads.problems());
            Set<String> stored = new StoreReader(channel).read(StoreReader.ALL).stream().map(RecordedEvent::getEventId).collect(Collectors.toSet());
            PausedSubscriber paused = fault.pausedSubscriber();
            awaitCaughtUp(paused, stored);
            if (!paused.missed(stored).isEmpty() || paused.duplicates() > 0 || paused.ended().isPresent()) {
                problems.add("the paused subscriber missed " + paused.missed(stored).size() + " events, got " + paused.duplicates()
                        + " twice, its call ended: " + paused.ended());
            }
            List<ServerMemorySampler.Sample> samples = sampler.samples();
            String report = memoryReport(samples) + " reads=" + reads.reads() + " reads-refused=" + reads.refused() + " paused-received=" + paused.receivedCount();
            System.out.println("SOAK " + scale.faults().name() + ": " + report);
            summary.assertInvariantsHeld();
            assertTrue(reads.reads() > 0, "the reader read");
            long bufferedPeak = ServerMemorySampler.max(samples, ServerMemorySampler.Sample::buffered);
            assertTrue(bufferedPeak > 0, "the paused subscriber's backlog reached the server's buffers (else the pause tested nothing): " + report);
            assertTrue(bufferedPeak <= BUFFERED_BOUND, "the server buffered " + bufferedPeak + " bytes for Subscribe calls; the bound is " + BUFFERED_BOUND);
            long floorGrowth = heapFloorGrowth(samples);
            assertTrue(floorGrowth < HEAP_FLOOR_GROWTH_CEILING, "the heap's floor grew by " + floorGrowth + " bytes: " + report);
        }
        finally {
            leftovers.addAll(EmbeddedRedisControl.killLeftovers(redisPids));
        }
        assertEquals(List.of(), problems);
        assertEquals(List.of(), leftovers, "redis-servers still running after the server stopped (killed now)");
    }

    private static void awaitCaughtUp(PausedSubscriber paused, Set<String> stored) throws InterruptedException {
        long deadline = System.nanoTime() + PAUSED_CATCH_UP_BOUND.toNanos();
        while (!paused.missed(stored).isEmpty() && paused.ended().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** The lowest heap sample of the run's last third less the lowest of its first third: what the heap keeps after collections. */
    private static long heapFloorGrowth(List<ServerMemorySampler.Sample> samples) {
        int third = samples.size() / 3;
        assertTrue(third > 0, "too few memory samples: " + samples.size());
        return ServerMemorySampler.min(samples.subList(samples.size() - third, samples.size()), ServerMemorySampler.Sample::heap)
                - ServerMemorySampler.min(samples.subList(0, third), ServerMemorySampler.Sample::heap);
    }

    private static String memoryReport(List<ServerMemorySampler.Sample> samples) {
        return "samples=" + samples.size()
                + " heap-mib=" + mib(ServerMemorySampler.min(samples, ServerMemorySampler.Sample::heap)) + ".." + mib(ServerMemorySampler.max(samples, ServerMemorySampler.Sample::heap))
                + " heap-floor-growth-mib=" + (samples.size() >= 3 ? mib(heapFloorGrowth(samples)) : "n/a")
                + " rss-mib=" + mib(ServerMemorySampler.min(samples, ServerMemorySampler.Sample::rss)) + ".." + mib(ServerMemorySampler.max(samples, ServerMemorySampler.Sample::rss))
                + " rss-last-mib=" + (samples.isEmpty() ? "n/a" : mib(samples.get(samples.size() - 1).rss()))
                + " buffered-peak-bytes=" + ServerMemorySampler.max(samples, ServerMemorySampler.Sample::buffered);
    }

    private static long mib(long bytes) {
        return bytes / MIB;
    }
}
