package io.eventline.server.faults;

import io.eventline.server.store.StoreKeys;
import io.eventline.server.testing.RunningServer;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Redis Cluster of 3 primaries, each with one replica, under append load through one server with
 * 3 partitions. Each round a primary that holds a partition is killed with SIGKILL; the cluster fails
 * it over to its replica (automatically, after the 1 s node timeout), and the killed node is started
 * again, so it rejoins as the new primary's replica. The server keeps serving throughout. With
 * {@code redis.wait-replicas=1} every acknowledged append was on the replica before it was
 * acknowledged, so none is lost; without it replication is asynchronous, and that run only reports
 * what was lost (it depends on timing).
 */
@Tag("fault")
@Timeout(600)
class ClusterPrimaryKillFaultTest {
    private static final String NAMESPACE = "faults";
    private static final int PARTITIONS = 3;
    private static final long WARM_UP_EVENTS = 500;
    private static final long EVENTS_BETWEEN_FAULTS = 200;
    private static final Duration PROGRESS_BOUND = Duration.ofSeconds(90);
    /** The cluster heals after each kill, so an append unacknowledged when the load stops is retried until it is. */
    private static final Duration GIVE_UP_AFTER_STOP = Duration.ofSeconds(30);

    @Test
    void waitForAReplicaLosesNoAcknowledgedAppendWhenAPrimaryDies(@TempDir Path nodes) throws Exception {
        FaultSummary summary = killPrimaries("cluster-primary-kill-wait-1", 1, nodes);

        summary.assertInvariantsHeld();
    }

    @Test
    void asynchronousReplicationLossIsReported(@TempDir Path nodes) throws Exception {
        FaultSummary summary = killPrimaries("cluster-primary-kill-async", 0, nodes);

        // lost may be above 0 here: that is what asynchronous replication does not guarantee
        assertEquals(0, summary.duplicated(), summary::line);
    }

    private static FaultSummary killPrimaries(String name, int waitReplicas, Path nodes) throws Exception {
        FaultScale scale = FaultScale.fromSystemProperty();
        List<String> flags = new ArrayList<>(FaultRun.SERVER_FLAGS);
        flags.addAll(List.of("--store.partitions=" + PARTITIONS, "--redis.wait-replicas=" + waitReplicas, "--redis.wait-timeout=1s"));
        StoreKeys keys = new StoreKeys(NAMESPACE, PARTITIONS);
        try (FaultCluster cluster = FaultCluster.start(nodes, PARTITIONS);
             RunningServer server = RunningServer.startOnCluster(cluster.seedUris(), NAMESPACE, flags.toArray(String[]::new))) {
            AppendLedger appended;
            long longestFailover = 0;
            try (AppendLoad load = AppendLoad.start(server.channel(), scale.appenders(), GIVE_UP_AFTER_STOP)) {
                load.awaitProgress(WARM_UP_EVENTS, PROGRESS_BOUND);
                for (int round = 0; round < scale.faultRounds(); round++) {
                    int slot = SlotHash.getSlot(keys.logKey(round % PARTITIONS));
                    int primary = cluster.primaryOf(slot);
                    long killed = System.nanoTime();
                    cluster.kill9(primary);
                    cluster.awaitFailover(slot, primary);
                    longestFailover = Math.max(longestFailover, Duration.ofNanos(System.nanoTime() - killed).toMillis());
                    cluster.restart(primary);
                    load.awaitProgress(EVENTS_BETWEEN_FAULTS, PROGRESS_BOUND);
                }
                appended = load.stop();
            }
            StoreAudit.Result audit = new StoreAudit(server.channel(), cluster.commands(), NAMESPACE, PARTITIONS).audit(appended);
            long storedUnacknowledged = audit.storedIds().stream().filter(id -> !appended.acknowledgedIds().contains(id)).count();
            Map<String, Long> details = new TreeMap<>(Map.of("wait-replicas", (long) waitReplicas, "primaries-killed", (long) scale.faultRounds(),
                    "retries", appended.retries(), "stored-unacknowledged", storedUnacknowledged, "longest-failover-ms", longestFailover));
            List<String> problems = new ArrayList<>(audit.problems());
            appended.unexpectedErrors().forEach(error -> problems.add("an append failed for good: " + error));
            FaultSummary summary = new FaultSummary(name, appended.attemptedIds().size(), appended.acknowledgedIds().size(), audit.lost(),
                    audit.duplicated(), 0, 0, details, problems);
            System.out.println(summary.line());
            return summary;
        }
    }
}
