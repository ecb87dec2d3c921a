package io.eventline.server.subscribe;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.NackAction;
import io.eventline.server.faults.InfoFields;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.metrics.GroupMetrics;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.SubscriptionHub;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.SubscriptionProbe;
import io.eventline.server.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.subscribe.SubscriptionFixtures.all;
import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.consumer;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroup;
import static io.eventline.server.subscribe.SubscriptionFixtures.createGroupOnAll;
import static io.eventline.server.subscribe.SubscriptionFixtures.describe;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.subscribe.SubscriptionFixtures.onAll;
import static io.eventline.server.testing.Fixtures.appendLarge;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * DescribeGroup's lag, pending and parked figures are right on stream and $all groups (on Redis
 * 6.2 from arithmetic and counts, on 7+ from Redis's own lag), and come without reading event
 * bodies: describing many groups over large events while others append moves a few kilobytes.
 */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class GroupIntrospectionTest {
    private static final int WINDOW = 3;

    @Test
    void aStreamGroupCountsLagPendingAndParked(TestRedis redis) throws InterruptedException {
        try (EventlineHarness eventline = EventlineHarness.start(redis)) {
            appendMany(eventline, "order-1", "OrderPlaced", 10);
            eventline.groups().createGroup(createGroup("billing", "order-1").build());
            assertFigures(describe(eventline, "billing"), 10, 0, 0);

            try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("order-1", "billing", "biller-1").setMaxInFlight(WINDOW))) {
                probe.confirmation();
                List<Delivery> held = probe.awaitDeliveries(WINDOW, WAIT);
                probe.expectNoDelivery(Duration.ofMillis(300));
                DescribeGroupResponse holding = describe(eventline, "billing");
                assertFigures(holding, 7, 3, 0);
                assertEquals(3, consumer(holding, "biller-1").getPending());
                assertTrue(holding.hasOldestPendingAge());

                probe.nack(eventline.events(), NackAction.NACK_ACTION_PARK, held.get(0));
                probe.ack(eventline.events(), held.get(1));
                DescribeGroupResponse settled = describe(eventline, "billing");
                assertEquals(1, settled.getParked());
                assertTrue(settled.getPending() + settled.getLag() == 8, "one parked, one acked: " + settled);
            }
        }
    }

    @Test
    void anAllGroupCountsLagPendingAndParkedOverEveryPartition(TestRedis redis) throws InterruptedException {
        try (EventlineHarness eventline = EventlineHarness.start(redis)) {
            appendMany(eventline, "order-1", "OrderPlaced", 4);
            appendMany(eventline, "invoice-1", "InvoiceSent", 5);
            eventline.groups().createGroup(createGroupOnAll("audit", all(List.of(), List.of())).build());
            assertFigures(describe(eventline, "audit"), 9, 0, 0);

            try (SubscriptionProbe probe = SubscriptionProbe.open(eventline,
                    onAll(List.of(), List.of()).setGroup("audit").setConsumer("auditor-1").setMaxInFlight(WINDOW))) {
                probe.confirmation();
                List<Delivery> held = probe.awaitDeliveries(WINDOW, WAIT);
                probe.expectNoDelivery(Duration.ofMillis(300));
                assertFigures(describe(eventline, "audit"), 6, 3, 0);

                probe.nack(eventline.events(), NackAction.NACK_ACTION_PARK, held.get(0));
                DescribeGroupResponse parked = describe(eventline, "audit");
                assertEquals(1, parked.getParked());
                assertEquals(8, parked.getPending() + parked.getLag(), "one parked: " + parked);
            }
        }
    }

    @Test
    void describingManyGroupsOverLargeEventsReadsNoEventBodies(TestRedis redis) throws Exception {
        assumeFalse(redis.isCluster(), "INFO of one node would not see every command");
        int events = 32;
        int eventBytes = EventlineHarness.LIMITS.maxEventBytes() - 1024;
        int groups = 20;
        try (EventlineHarness eventline = EventlineHarness.start(redis)) {
            appendLarge(eventline, "blob-1", events, eventBytes);
            for (int i = 0; i < groups; i++) {
                eventline.groups().createGroup(createGroup("readers-" + i, "blob-1").build());
            }
            // one group has delivered some, so its lag is measured from a position inside the stream
            try (SubscriptionProbe probe = SubscriptionProbe.open(eventline, groupOn("blob-1", "readers-0", "reader-1").setMaxInFlight(WINDOW))) {
                probe.awaitDeliveries(WINDOW, WAIT);
                probe.expectNoDelivery(Duration.ofMillis(300));

                long outputBefore = netOutputBytes(eventline);
                long xrangeBefore = xrangeCalls(eventline);
                ExecutorService callers = Executors.newFixedThreadPool(groups);
                try {
                    List<CompletableFuture<DescribeGroupResponse>> described = new ArrayList<>();
                    for (int i = 0; i < groups; i++) {
                        String group = "readers-" + i;
                        described.add(CompletableFuture.supplyAsync(() -> describe(eventline, group), callers));
                    }
                    // a bystander appends meanwhile
                    appendMany(eventline, "order-1", "OrderPlaced", 20);
                    refreshGroupMetrics(eventline);
                    for (int i = 0; i < groups; i++) {
                        DescribeGroupResponse description = described.get(i).get(30, TimeUnit.SECONDS);
                        assertEquals(i == 0 ? events - WINDOW : events, description.getLag(), description.toString());
                    }
                }
                finally {
                    callers.shutdownNow();
                }
                // reading lag from the event bodies after each position, as before, sent about 80 MB here
                long output = netOutputBytes(eventline) - outputBefore;
                long stored = (long) events * eventBytes;
                assertTrue(output < stored / 10, "Redis sent " + output + " bytes for " + groups
                        + " descriptions and a metrics refresh over " + stored + " bytes of events");
                assertEquals(xrangeBefore, xrangeCalls(eventline), "no XRANGE of the stream to count lag");
            }
        }
    }

    private static void assertFigures(DescribeGroupResponse description, long lag, long pending, long parked) {
        assertEquals(lag, description.getLag(), "lag: " + description);
        assertEquals(pending, description.getPending(), "pending: " + description);
        assertEquals(parked, description.getParked(), "parked: " + description);
    }

    private static void refreshGroupMetrics(EventlineHarness eventline) {
        var commands = eventline.redis().commands();
        GroupStore groups = new GroupStore(commands, new StoreKeys(eventline.namespace(), eventline.partitions()), new EventEntryCodec(),
                Clock.systemUTC());
        try (GroupMetrics metrics = new GroupMetrics(new EventlineMetrics(new SimpleMeterRegistry()), groups,
                new GroupAdmin(commands, groups, new SubscriptionHub()), Duration.ofSeconds(30))) {
            metrics.refresh();
        }
    }

    private static long netOutputBytes(EventlineHarness eventline) throws Exception {
        String stats = eventline.redis().commands().info("stats").get(10, TimeUnit.SECONDS);
        return Long.parseLong(InfoFields.of(stats, "total_net_output_bytes").orElseThrow());
    }

    private static long xrangeCalls(EventlineHarness eventline) throws Exception {
        String stats = eventline.redis().commands().info("commandstats").get(10, TimeUnit.SECONDS);
        return InfoFields.of(stats, "cmdstat_xrange")
                .map(calls -> Long.parseLong(calls.substring("calls=".length(), calls.indexOf(','))))
                .orElse(0L);
    }
}
