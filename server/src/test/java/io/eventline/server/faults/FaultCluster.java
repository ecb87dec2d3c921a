package io.eventline.server.faults;

import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A Redis Cluster owned by one fault test: primaries, each with one replica, on loopback, every node
 * with AOF and {@code appendfsync always} in its own data directory and a 1 s node timeout, so a
 * killed primary is failed over within seconds and a node started again in place rejoins. It is
 * built with CLUSTER ADDSLOTS/MEET/REPLICATE, so only the redis-server binary is needed.
 */
final class FaultCluster implements AutoCloseable {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);
    private static final int SLOTS = 16384;
    /** Forming the cluster and a failover take seconds; this bounds a wait that would otherwise not end. */
    private static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path binary;
    private final Path directory;
    private final Map<Integer, EmbeddedRedis> nodes = new LinkedHashMap<>();
    private final RedisClient nodeClient = RedisClient.create();
    private RedisClusterClient clusterClient;
    private StatefulRedisClusterConnection<String, String> cluster;

    private FaultCluster(Path binary, Path directory) {
        this.binary = binary;
        this.directory = directory;
    }

    /** Starts {@code primaries} primaries and as many replicas, and waits until the cluster is ok and every replica linked. */
    static FaultCluster start(Path directory, int primaries) throws InterruptedException {
        FaultCluster cluster = new FaultCluster(new RedisBinaryLocator(false, "").locate(), directory);
        try {
            cluster.form(primaries);
            return cluster;
        }
        catch (RuntimeException | InterruptedException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void form(int primaries) throws InterruptedException {
        for (int i = 0; i < 2 * primaries; i++) {
            EmbeddedRedis node = EmbeddedRedis.startClusterNode(binary, directory.resolve("node-" + i), 0, NODE_TIMEOUT);
            nodes.put(node.port(), node);
        }
        List<Integer> ports = List.copyOf(nodes.keySet());
        for (int i = 0; i < primaries; i++) {
            int[] slots = IntStream.range(i * SLOTS / primaries, (i + 1) * SLOTS / primaries).toArray();
            onNode(ports.get(i), node -> node.clusterAddSlots(slots));
        }
        ports.subList(1, ports.size()).forEach(port -> onNode(ports.get(0), node -> node.clusterMeet("127.0.0.1", port)));
        for (int port : ports) {
            await("node " + port + " to know all " + ports.size() + " nodes",
                    () -> knowsAll(port, ports.size()));
        }
        for (int i = 0; i < primaries; i++) {
            String primaryId = onNode(ports.get(i), RedisCommands::clusterMyId);
            onNode(ports.get(primaries + i), node -> node.clusterReplicate(primaryId));
        }
        for (int port : ports) {
            await("node " + port + " to see the cluster ok", () -> clusterOk(port));
        }
        for (int port : ports.subList(primaries, ports.size())) {
            awaitReplicaLinked(port);
        }
        clusterClient = RedisClusterClient.create(seedUris().stream().map(RedisURI::create).toList());
        cluster = clusterClient.connect();
    }

    List<String> seedUris() {
        return nodes.values().stream().map(EmbeddedRedis::uri).toList();
    }

    /** Commands on the whole cluster (routed by key), for the audit. */
    RedisClusterCommands<String, String> commands() {
        return cluster.sync();
    }

    /** The port of the primary that serves {@code slot}, as the first node that answers sees it. */
    int primaryOf(int slot) {
        RuntimeException last = new IllegalStateException("the cluster has no nodes");
        for (int port : nodes.keySet()) {
            try {
                return primaryOf(slot, port).getUri().getPort();
            }
            catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The port of the replica of the primary on {@code primaryPort}. */
    int replicaOf(int primaryPort) {
        Partitions partitions = onNode(primaryPort, node -> ClusterPartitionParser.parse(node.clusterNodes()));
        String primaryId = onNode(primaryPort, RedisCommands::clusterMyId);
        return partitions.stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.REPLICA) && primaryId.equals(node.getSlaveOf()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the primary on " + primaryPort + " has no replica"))
                .getUri().getPort();
    }

    /** kill -9 of one node: it has no chance to tell anyone. */
    void kill9(int port) {
        nodes.get(port).killAbruptly();
    }

    /** Waits until another node than the dead {@code port} serves {@code slot} and every live node sees the cluster ok. */
    void awaitFailover(int slot, int deadPort) throws InterruptedException {
        List<Integer> live = nodes.keySet().stream().filter(port -> port != deadPort).toList();
        for (int port : live) {
            await("node " + port + " to see slot " + slot + " failed over from " + deadPort,
                    () -> primaryOf(slot, port).getUri().getPort() != deadPort && clusterOk(port));
        }
    }

    /** Starts a killed node again on its port and data directory; it rejoins, as a replica of the primary that replaced it. */
    void restart(int port) throws InterruptedException {
        EmbeddedRedis dead = nodes.get(port);
        Path data = directory.resolve("node-" + List.copyOf(nodes.keySet()).indexOf(port));
        nodes.put(port, EmbeddedRedis.startClusterNode(dead.binary(), data, port, NODE_TIMEOUT));
        awaitReplicaLinked(port);
    }

    private void awaitReplicaLinked(int port) throws InterruptedException {
        await("node " + port + " to be a replica linked to its primary",
                () -> InfoFields.of(onNode(port, node -> node.info("replication")), "master_link_status").filter("up"::equals).isPresent());
    }

    private boolean knowsAll(int port, int count) {
        Partitions known = onNode(port, node -> ClusterPartitionParser.parse(node.clusterNodes()));
        return known.size() == count && known.stream().noneMatch(node -> node.is(RedisClusterNode.NodeFlag.HANDSHAKE));
    }

    private RedisClusterNode primaryOf(int slot, int askedPort) {
        Partitions partitions = onNode(askedPort, node -> ClusterPartitionParser.parse(node.clusterNodes()));
        RedisClusterNode primary = partitions.getMasterBySlot(slot);
        if (primary == null || primary.is(RedisClusterNode.NodeFlag.FAIL)) {
            throw new IllegalStateException("no live primary serves slot " + slot);
        }
        return primary;
    }

    private boolean clusterOk(int port) {
        return onNode(port, RedisCommands::clusterInfo).contains("cluster_state:ok");
    }

    private <T> T onNode(int port, Function<RedisCommands<String, String>, T> use) {
        try (StatefulRedisConnection<String, String> connection = nodeClient.connect(RedisURI.create("127.0.0.1", port))) {
            return use.apply(connection.sync());
        }
    }

    /** Polls {@code condition} (failing checks count as not yet) until it holds, within the bound. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGENCE_BOUND.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            }
            catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("waited " + CONVERGENCE_BOUND + " for " + what + (last == null ? "" : "; last error: " + last), last);
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
            clusterClient.shutdown();
        }
        nodeClient.shutdown();
        List<RuntimeException> failures = new ArrayList<>();
        for (EmbeddedRedis node : nodes.values()) {
            try {
                node.close();
            }
            catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
