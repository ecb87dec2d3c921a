package io.eventline.server.faults;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.RunningServer;
import io.grpc.Status;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.noStream;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On a Redis Cluster with {@code redis.wait-replicas=1}, the WAIT after an append must reach the
 * primary that took the append: when that primary's only replica is dead, its partition's appends
 * are refused (UNAVAILABLE), while the other partitions, whose replicas live, go on. A WAIT sent to
 * whichever node the cluster client picks would confirm appends that no replica has.
 */
@Tag("fault")
@Timeout(300)
class ClusterReplicaLossFaultTest {
    private static final String NAMESPACE = "replicas";
    private static final int PARTITIONS = 3;
    /** Several streams, so that a WAIT landing on a random node would be caught. */
    private static final int STREAMS_PER_PARTITION = 5;

    @Test
    void appendsToAPrimaryWithoutItsReplicaAreRefusedAndOthersAcknowledged(@TempDir Path nodes) throws Exception {
        StoreKeys keys = new StoreKeys(NAMESPACE, PARTITIONS);
        try (FaultCluster cluster = FaultCluster.start(nodes, PARTITIONS);
             RunningServer server = RunningServer.startOnCluster(cluster.seedUris(), NAMESPACE, "--store.partitions=" + PARTITIONS,
                     "--redis.wait-replicas=1", "--redis.wait-timeout=300ms")) {
            var events = EventStoreServiceGrpc.newBlockingStub(server.channel());
            int orphanedPartition = 0;
            int primary = cluster.primaryOf(SlotHash.getSlot(keys.logKey(orphanedPartition)));
            cluster.kill9(cluster.replicaOf(primary));

            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (String stream : streamsIn(keys, partition)) {
                    var request = append(stream, noStream(), event("OrderPlaced"));
                    var withDeadline = events.withDeadlineAfter(30, TimeUnit.SECONDS);
                    if (partition == orphanedPartition) {
                        assertStatus(Status.Code.UNAVAILABLE, () -> withDeadline.appendEvents(request));
                    }
                    else {
                        assertEquals(1, withDeadline.appendEvents(request).getLastVersion(), stream);
                    }
                }
            }
        }
    }

    private static java.util.List<String> streamsIn(StoreKeys keys, int partition) {
        return IntStream.iterate(1, i -> i + 1)
                .mapToObj(i -> "order-" + i)
                .filter(stream -> keys.locate(StreamName.parse(stream, "stream")).partition() == partition)
                .limit(STREAMS_PER_PARTITION)
                .toList();
    }
}
