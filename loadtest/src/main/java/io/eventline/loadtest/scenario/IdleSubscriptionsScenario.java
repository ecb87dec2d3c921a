package io.eventline.loadtest.scenario;

import com.google.protobuf.Empty;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.redis.RedisInfo;
import io.eventline.loadtest.subscribe.BenchGroups;
import io.eventline.loadtest.subscribe.DeliveryListener;
import io.eventline.loadtest.subscribe.Progress;
import io.eventline.loadtest.subscribe.ServerProcess;
import io.eventline.loadtest.subscribe.SubscriberFleet;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscriptionStart;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Many idle subscriptions: N subscriptions from the end of a few streams (one in ten a consumer of
 * a group of its own, the rest catch-up), what they cost the server (RSS and heap after a GC, when
 * its process id is given) and Redis (connected_clients: the design allows a few shared tailer
 * connections, never one per subscription), and that each still gets a live event.
 */
public final class IdleSubscriptionsScenario implements Scenario {
    private static final int GROUP_EVERY = 10;
    /** Below the server's default of 1000 open subscriptions per client connection. */
    private static final int SUBSCRIPTIONS_PER_CONNECTION = 500;
    /** Lets the server finish setting the subscriptions up (first reads, group creation) before memory is read. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** Lets the JVM return the memory a full GC freed, so RSS shows what the process keeps. */
    private static final Duration AFTER_GC = Duration.ofSeconds(1);

    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        ScenarioPrinter printer = context.printer();
        int count = settings.subscriptionLoad().subscriptions();
        int streams = settings.streams();
        printer.section(String.format(Locale.ROOT, "idle-subscriptions: %d subscriptions on %d streams from their end (1 in %d a group consumer)",
                count, streams, GROUP_EVERY));
        RedisInfo redis = new RedisInfo(context.redis().admin());
        Optional<ServerProcess> server = settings.subscriptionLoad().serverPid().stream().mapToObj(ServerProcess::new).findFirst();
        if (server.isEmpty()) {
            printer.note("no --server-pid: the server's RSS and heap are not measured");
        }

        String prefix = context.names().streamPrefix("i");
        StreamFiller filler = new StreamFiller(context.channels().forSlot(0), context.events(), settings.timeout());
        for (int stream = 0; stream < streams; stream++) {
            filler.fill(prefix + stream, 1);
        }
        Snapshot before = Snapshot.take(redis, server);
        int connections = (count + SUBSCRIPTIONS_PER_CONNECTION - 1) / SUBSCRIPTIONS_PER_CONNECTION;
        // the groups would otherwise outlive the run, and the server keeps refreshing every group's metrics
        BenchGroups groups = new BenchGroups(context.channels().forSlot(0), settings.timeout());
        try (ChannelPool channels = new ChannelPool(settings.target(), settings.security(), connections);
                SubscriberFleet fleet = new SubscriberFleet(channels, 1)) {
            long start = System.nanoTime();
            fleet.open(requests(context, prefix, count, streams, groups), DeliveryListener.NONE, settings.duration().plus(settings.timeout()));
            double openSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(SETTLE.toMillis());
            Snapshot open = Snapshot.take(redis, server);

            for (int stream = 0; stream < streams; stream++) {
                filler.fill(prefix + stream, 1);
            }
            boolean allLive = Progress.await(() -> fleet.counts().delivered(), count, System.nanoTime() + settings.duration().toNanos());

            printer.note(String.format(Locale.ROOT, "%d subscriptions over %d client connection(s) confirmed in %.2f s; %d of %d got the live event%s",
                    fleet.size(), connections, openSeconds, fleet.counts().delivered(), count, allLive ? "" : " (stopped by -z)"));
            printer.note(String.format(Locale.ROOT, "Redis connected_clients: %d before, %d with the subscriptions open: %+d for %d subscriptions",
                    before.redisClients(), open.redisClients(), open.redisClients() - before.redisClients(), count));
            if (server.isPresent()) {
                printer.note(String.format(Locale.ROOT, "server RSS: %.1f MiB before, %.1f MiB open: %+.0f B per subscription",
                        before.residentBytes() / 1048576.0, open.residentBytes() / 1048576.0, (open.residentBytes() - before.residentBytes()) / (double) count));
                printer.note(String.format(Locale.ROOT, "server heap after GC: %.1f MiB before, %.1f MiB open: %+.0f B per subscription",
                        before.heapBytes() / 1048576.0, open.heapBytes() / 1048576.0, (open.heapBytes() - before.heapBytes()) / (double) count));
            }
        }
        finally {
            groups.deleteAll();
        }
        printer.note(String.format(Locale.ROOT, "Redis connected_clients after the subscriptions closed: %d", redis.connectedClients()));
    }

    private static List<SubscribeRequest> requests(ScenarioContext context, String prefix, int count, int streams, BenchGroups groups) {
        SubscriptionStart end = SubscriptionStart.newBuilder().setEnd(Empty.getDefaultInstance()).build();
        List<SubscribeRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SubscribeRequest.Builder request = SubscribeRequest.newBuilder().setStream(prefix + (i % streams)).setStart(end);
            if (i % GROUP_EVERY == 0) {
                // created on first use, from the end
                String group = context.names().streamPrefix("ig") + i;
                groups.adopt(group);
                request.setGroup(group).setConsumer("c0");
            }
            requests.add(request.build());
        }
        return requests;
    }

    /** Redis connections, and the server's memory after a full GC when its process is known (0 otherwise). */
    private record Snapshot(long redisClients, long residentBytes, long heapBytes) {
        static Snapshot take(RedisInfo redis, Optional<ServerProcess> server) throws IOException, InterruptedException {
            if (server.isEmpty()) {
                return new Snapshot(redis.connectedClients(), 0, 0);
            }
            server.get().collectGarbage();
            Thread.sleep(AFTER_GC.toMillis());
            return new Snapshot(redis.connectedClients(), server.get().residentBytes(), server.get().heapUsedBytes());
        }
    }
}
