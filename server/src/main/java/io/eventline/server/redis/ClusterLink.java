package io.eventline.server.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisServerCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A Redis Cluster, found from any of its nodes; the topology is refreshed periodically and on
 * MOVED/ASK. Each connection connects to every primary at once, and again when the topology
 * changes (see {@link RedisConnection} for why commands must not wait for a node connection).
 */
final class ClusterLink implements RedisLink {
    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<byte[], byte[]> connection;
    private final Disposable topologyWatch;

    private ClusterLink(RedisClusterClient client, StatefulRedisClusterConnection<byte[], byte[]> connection, Disposable topologyWatch) {
        this.client = requireNonNull(client, "client is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.topologyWatch = requireNonNull(topologyWatch, "topologyWatch is null");
    }

    static ClusterLink connect(List<String> uris, Duration commandTimeout, ClientResources resources) {
        List<RedisURI> seeds = uris.stream().map(uri -> RedisConnection.redisUri(uri, commandTimeout)).toList();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(RedisConnection.NO_REPLAY)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        try {
            StatefulRedisClusterConnection<byte[], byte[]> connection = connectedToEveryPrimary(client.connect(ByteArrayCodec.INSTANCE));
            Disposable topologyWatch = client.getResources().eventBus().get()
                    .filter(ClusterTopologyChangedEvent.class::isInstance)
                    .subscribe(changed -> connectToEveryPrimary(connection));
            return new ClusterLink(client, connection, topologyWatch);
        }
        catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Waits until {@code connection} has a connection to every primary, so its commands need not wait for one (and be rejected). */
    private static StatefulRedisClusterConnection<byte[], byte[]> connectedToEveryPrimary(StatefulRedisClusterConnection<byte[], byte[]> connection) {
        try {
            connectToEveryPrimary(connection).join();
            return connection;
        }
        catch (RuntimeException e) {
            connection.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Connects to each primary not connected yet (after a topology change: the new ones); completes when all are. */
    private static CompletableFuture<Void> connectToEveryPrimary(StatefulRedisClusterConnection<byte[], byte[]> connection) {
        return CompletableFuture.allOf(connection.getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.hasNoSlots())
                .map(primary -> connection.getConnectionAsync(primary.getUri().getHost(), primary.getUri().getPort()))
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return connection.async();
    }

    /**
     * The commands of the primary that owns {@code key}'s slot, on the very node connection the shared
     * connection routes that key's commands to: a WAIT sent there after a write covers that write. It
     * follows no MOVED/ASK redirection.
     */
    @Override
    public CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> primaryOf(byte[] key) {
        int slot = SlotHash.getSlot(key);
        RedisClusterNode primary = connection.getPartitions().getMasterBySlot(slot);
        if (primary == null) {
            return CompletableFuture.failedFuture(new RedisConnectionException("no Redis Cluster primary serves slot " + slot + " at the moment"));
        }
        return connection.getConnectionAsync(primary.getUri().getHost(), primary.getUri().getPort()).thenApply(StatefulRedisConnection::async);
    }

    @Override
    public RedisConnection.DedicatedConnection openDedicated() {
        StatefulRedisClusterConnection<byte[], byte[]> dedicated = connectedToEveryPrimary(client.connect(ByteArrayCodec.INSTANCE));
        return new RedisConnection.DedicatedConnection(dedicated.async(), dedicated::close);
    }

    @Override
    public void withServerCommands(Consumer<RedisServerCommands<String, String>> use) {
        try (StatefulRedisClusterConnection<String, String> text = client.connect(StringCodec.UTF8)) {
            use.accept(text.sync());
        }
    }

    @Override
    public void close() {
        topologyWatch.dispose();
        connection.close();
        client.shutdown();
    }
}
