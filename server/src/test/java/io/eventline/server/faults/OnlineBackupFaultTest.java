package io.eventline.server.faults;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.server.testing.Ports;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.SubscriptionProbe;
import io.grpc.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online backup of docs/operations.md, taken of a server's embedded Redis while appends go on, and
 * restored by starting a second server on a copy of the data directory, cut inside its last write as a
 * copy taken while Redis appends can be: the restored store holds every
 * event the first one held when the backup began (so every event acknowledged before it), with the same
 * ids, versions and $all order, nothing that the first store never held, and the consumer group with
 * its definition, its pending deliveries and the ack-id key that seals them.
 */
@Tag("fault")
@Timeout(300)
class OnlineBackupFaultTest {
    private static final String NAMESPACE = "backup";
    private static final String GROUP = FaultRun.GROUPS.get(0);
    private static final int DELIVERED = 40;
    private static final int ACKED = 15;
    private static final long EVENTS_BEFORE_BACKUP = 300;
    private static final long EVENTS_BEFORE_COPY = 20;
    private static final long EVENTS_AFTER_BACKUP = 100;
    private static final Duration PROGRESS_BOUND = Duration.ofSeconds(90);
    private static final Duration GIVE_UP_AFTER_STOP = Duration.ofSeconds(60);
    private static final List<String> SERVER_FLAGS = List.of("--redis.embedded.appendfsync=always", "--redis.command-timeout=2s");

    @Test
    void aCopyOfTheDataDirectoryTakenUnderLoadRestoresEverythingStoredBeforeIt(@TempDir Path live, @TempDir Path backup) throws Exception {
        int liveRedisPort = Ports.free();
        int restoredRedisPort = Ports.free();
        Set<Long> redisPids = new LinkedHashSet<>();
        List<Long> leftovers = new ArrayList<>();
        try (RunningServer original = RunningServer.startEmbedded(live, liveRedisPort, NAMESPACE, SERVER_FLAGS.toArray(String[]::new));
             EmbeddedRedisControl liveRedis = EmbeddedRedisControl.connect(liveRedisPort, redisPids)) {
            Channel channel = original.channel();
            FaultRun.createGroup(channel, GROUP);
            List<Delivery> held;
            List<RecordedEvent> storedAtBackup;
            long copiedBytes;
            AppendLedger appended;
            try (AppendLoad load = AppendLoad.start(channel, FaultScale.fromSystemProperty().appenders(), GIVE_UP_AFTER_STOP)) {
                load.awaitProgress(EVENTS_BEFORE_BACKUP, PROGRESS_BOUND);
                held = deliverAndAckSome(channel);
                long acknowledgedAtBackup = load.acknowledgedEvents();
                storedAtBackup = new StoreReader(channel).read(StoreReader.ALL);
                assertTrue(storedAtBackup.size() >= acknowledgedAtBackup, "$all holds every acknowledged event");
                // appends acknowledged after the snapshot and before the copy put a transaction after the rewrite for the cut below
                load.awaitProgress(EVENTS_BEFORE_COPY, PROGRESS_BOUND);
                copiedBytes = new OnlineAofBackup(liveRedis.admin(), live).copyTo(backup);
                load.awaitProgress(EVENTS_AFTER_BACKUP, PROGRESS_BOUND);
                appended = load.stop();
            }
            assertEquals(List.of(), appended.unexpectedErrors());
            StoreReader originalReader = new StoreReader(channel);
            List<RecordedEvent> storedAtEnd = originalReader.read(StoreReader.ALL);
            DescribeGroupResponse originalGroup = describe(channel);
            assertEquals(DELIVERED - ACKED, originalGroup.getPending());
            // a copy that ends in the middle of a write must load too: make sure this one does
            AofTailCut.cutInsideLastTransaction(backup);

            try (RunningServer restored = RunningServer.startEmbedded(backup, restoredRedisPort, NAMESPACE, SERVER_FLAGS.toArray(String[]::new));
                 EmbeddedRedisControl restoredRedis = EmbeddedRedisControl.connect(restoredRedisPort, redisPids)) {
                Channel restoredChannel = restored.channel();
                StoreReader restoredReader = new StoreReader(restoredChannel);
                List<RecordedEvent> restoredAll = restoredReader.read(StoreReader.ALL);
                assertPrefix("$all", storedAtEnd, restoredAll, storedAtBackup.size());
                for (String stream : appended.streams()) {
                    long storedBefore = storedAtBackup.stream().filter(event -> event.getStream().equals(stream)).count();
                    assertPrefix(stream, originalReader.read(stream), restoredReader.read(stream), storedBefore);
                }
                DescribeGroupResponse restoredGroup = describe(restoredChannel);
                assertEquals(originalGroup.getGroup(), restoredGroup.getGroup(), "the group's definition");
                assertEquals(DELIVERED - ACKED, restoredGroup.getPending(), "the group's pending deliveries");
                // ack ids the original server issued are sealed with the key <ns>:ackkeys: the restored server must take them
                EventStoreServiceGrpc.newBlockingStub(restoredChannel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .ack(AckRequest.newBuilder().setGroup(GROUP).addAllAckIds(SubscriptionProbe.ackIds(held)).build());
                assertEquals(0, describe(restoredChannel).getPending(), "the held deliveries settled on the restored store");
                System.out.println("BACKUP online-aof: stored-at-backup=" + storedAtBackup.size() + " restored=" + restoredAll.size()
                        + " stored-at-end=" + storedAtEnd.size() + " copied-bytes=" + copiedBytes + " group-pending=" + restoredGroup.getPending());
            }
        }
        finally {
            leftovers.addAll(EmbeddedRedisControl.killLeftovers(redisPids));
        }
        assertEquals(List.of(), leftovers, "redis-servers still running after their servers stopped (killed now)");
    }

    /** Takes {@value #DELIVERED} deliveries of the group, acks {@value #ACKED} of them and returns the others, left pending. */
    private static List<Delivery> deliverAndAckSome(Channel channel) {
        SubscriptionProbe consumer = SubscriptionProbe.open(EventStoreServiceGrpc.newStub(channel), SubscribeRequest.newBuilder()
                .setAll(AllTarget.newBuilder().addCategories(GroupWorker.CATEGORY))
                .setGroup(GROUP)
                .setConsumer("backup-1")
                .setMaxInFlight(DELIVERED)
                .build());
        List<Delivery> delivered = consumer.awaitDeliveries(DELIVERED);
        // cancelled before the ack, so no further delivery can follow it
        consumer.cancel();
        consumer.ack(EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS), delivered.subList(0, ACKED));
        return List.copyOf(delivered.subList(ACKED, DELIVERED));
    }

    private static DescribeGroupResponse describe(Channel channel) {
        return ConsumerGroupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .describeGroup(DescribeGroupRequest.newBuilder().setGroup(GROUP).build());
    }

    /** The restored events are the first ones of the original, at least {@code atLeast} of them, same ids, streams and versions. */
    private static void assertPrefix(String what, List<RecordedEvent> original, List<RecordedEvent> restored, long atLeast) {
        assertTrue(restored.size() >= atLeast, what + ": restored " + restored.size() + " events, the store held " + atLeast + " when the backup began");
        assertTrue(restored.size() <= original.size(), what + ": restored " + restored.size() + " events, the original never held more than " + original.size());
        assertEquals(identities(original.subList(0, restored.size())), identities(restored), what + ": the restored events are the original's first ones");
    }

    private static List<String> identities(List<RecordedEvent> events) {
        return events.stream().map(event -> event.getStream() + "@" + event.getVersion() + "=" + event.getEventId()).toList();
    }
}
