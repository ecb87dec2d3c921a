package io.eventline.server.redis;

import io.eventline.server.concurrent.AsyncFailures;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisServerCommands;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import reactor.core.Disposable;
import reactor.core.Disposables;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The process's Redis, a single node or a Redis Cluster: one client and one shared, auto-pipelining
 * connection for all ordinary commands, dedicated connections on request (for blocking reads), and
 * the embedded redis-server when the server runs its own. Closing stops them in reverse order.
 */
public final class RedisConnection implements AutoCloseable, PrimaryLocator {
    /**
     * Commands in flight when a connection drops fail, and so do commands sent while it reconnects,
     * rather than being sent again once it is back: Lettuce decodes a re-sent command's reply into the
     * output that already holds the part of the first reply that arrived, so the command completes
     * with both replies run together (an XRANGE answering with more entries than its COUNT; a group
     * read whose entries are not the ones Redis handed to the consumer, so an ack can settle an entry
     * never delivered). Every caller handles a failed command: clients retry appends, and a consumer
     * whose read failed re-reads its own pending entries. On a Redis Cluster the node connections are
     * made when first needed, and a command waiting for one would be rejected too: each cluster
     * connection therefore connects to every primary at once, and again when the topology changes.
     */
    private static final ClientOptions.DisconnectedBehavior NO_REPLAY = ClientOptions.DisconnectedBehavior.REJECT_COMMANDS;

    private final Optional<EmbeddedRedis> embedded;
    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    private final boolean cluster;
    private final Disposable topologyWatch;

    private RedisConnection(Optional<EmbeddedRedis> embedded, AbstractRedisClient client, StatefulConnection<byte[], byte[]> connection,
            RedisClusterAsyncCommands<byte[], byte[]> commands, boolean cluster, Disposable topologyWatch) {
        this.embedded = embedded;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.cluster = cluster;
        this.topologyWatch = topologyWatch;
    }

    public static RedisConnection open(String uri, Duration commandTimeout, Optional<EmbeddedRedis> embedded) {
        return open(uri, commandTimeout, embedded, DefaultClientResources.create());
    }

    /** A single node. @param resources shut down with the connection (they may carry a command latency recorder) */
    public static RedisConnection open(String uri, Duration commandTimeout, Optional<EmbeddedRedis> embedded, ClientResources resources) {
        requireNonNull(uri, "uri is null");
        RedisClient client = RedisClient.create(resources, redisUri(uri, commandTimeout));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(NO_REPLAY)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        return connect(client, embedded, () -> {
            StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            return new RedisConnection(embedded, client, connection, connection.async(), false, Disposables.disposed());
        });
    }

    /** A Redis Cluster, found from any of its nodes; the topology is refreshed periodically and on MOVED/ASK. */
    public static RedisConnection openCluster(List<String> uris, Duration commandTimeout, ClientResources resources) {
        List<RedisURI> seeds = new ArrayList<>();
        uris.forEach(uri -> seeds.add(redisUri(uri, commandTimeout)));
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(NO_REPLAY)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        return connect(client, Optional.empty(), () -> {
            StatefulRedisClusterConnection<byte[], byte[]> connection = connectedToEveryPrimary(client.connect(ByteArrayCodec.INSTANCE));
            Disposable topologyWatch = client.getResources().eventBus().get()
                    .filter(ClusterTopologyChangedEvent.class::isInstance)
                    .subscribe(changed -> connectToEveryPrimary(connection));
            return new RedisConnection(Optional.empty(), client, connection, connection.async(), true, topologyWatch);
        });
    }

    private static RedisConnection connect(AbstractRedisClient client, Optional<EmbeddedRedis> embedded, java.util.function.Supplier<RedisConnection> connect) {
        try {
            return connect.get();
        }
        catch (RuntimeException e) {
            client.shutdown();
            client.getResources().shutdown();
            embedded.ifPresent(EmbeddedRedis::close);
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
            throw AsyncFailures.cause(e) instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Connects to each primary not connected yet (after a topology change: the new ones); completes when all are. */
    private static CompletableFuture<Void> connectToEveryPrimary(StatefulRedisClusterConnection<byte[], byte[]> connection) {
        return CompletableFuture.allOf(connection.getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.hasNoSlots())
                .map(primary -> connection.getConnectionAsync(primary.getUri().getHost(), primary.getUri().getPort()))
                .toArray(CompletableFuture[]::new));
    }

    private static RedisURI redisUri(String uri, Duration commandTimeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(commandTimeout);
        return redisUri;
    }

    public RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return commands;
    }

    public boolean isCluster() {
        return cluster;
    }

    /**
     * On a single node, the shared commands. On a Redis Cluster, the commands of the primary that owns
     * {@code key}'s slot, on the very node connection the shared connection routes that key's commands
     * to: a WAIT sent there after a write covers that write. It follows no MOVED/ASK redirection.
     */
    @Override
    public CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> primaryOf(byte[] key) {
        if (!(connection instanceof StatefulRedisClusterConnection<byte[], byte[]> clusterConnection)) {
            return CompletableFuture.completedFuture(commands);
        }
        int slot = SlotHash.getSlot(key);
        RedisClusterNode primary = clusterConnection.getPartitions().getMasterBySlot(slot);
        if (primary == null) {
            return CompletableFuture.failedFuture(new RedisConnectionException("no Redis Cluster primary serves slot " + slot + " at the moment"));
        }
        return clusterConnection.getConnectionAsync(primary.getUri().getHost(), primary.getUri().getPort()).thenApply(StatefulRedisConnection::async);
    }

    /** A connection of its own, for blocking reads that must not hold up the shared one. */
    public DedicatedConnection openDedicated() {
        if (client instanceof RedisClusterClient clusterClient) {
            StatefulRedisClusterConnection<byte[], byte[]> dedicated = connectedToEveryPrimary(clusterClient.connect(ByteArrayCodec.INSTANCE));
            return new DedicatedConnection(dedicated.sync(), dedicated::close);
        }
        StatefulRedisConnection<byte[], byte[]> dedicated = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        return new DedicatedConnection(dedicated.sync(), dedicated::close);
    }

    /** Runs {@code use} with server commands on a short-lived text connection (start-up checks). */
    public void withServerCommands(Consumer<RedisServerCommands<String, String>> use) {
        if (client instanceof RedisClusterClient clusterClient) {
            try (StatefulRedisClusterConnection<String, String> text = clusterClient.connect(StringCodec.UTF8)) {
                use.accept(text.sync());
            }
            return;
        }
        try (StatefulRedisConnection<String, String> text = ((RedisClient) client).connect(StringCodec.UTF8)) {
            use.accept(text.sync());
        }
    }

    public Optional<EmbeddedRedis> embedded() {
        return embedded;
    }

    @Override
    public void close() {
        topologyWatch.dispose();
        connection.close();
        client.shutdown();
        client.getResources().shutdown();
        embedded.ifPresent(EmbeddedRedis::close);
    }

    /** A dedicated connection's stream commands, and how to close it. */
    public record DedicatedConnection(RedisStreamCommands<byte[], byte[]> commands, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }
}
