package io.eventline.server.redis;

import io.eventline.server.lifecycle.StartupException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisServerCommands;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The process's Redis, a single node or a Redis Cluster: one client and one shared, auto-pipelining
 * connection for all ordinary commands, and dedicated connections on request (for blocking reads).
 * It is made unconnected, so wiring touches no network: {@link #connect()} is a step of the
 * server's start, and {@link #commands()} may be handed out before it (they fail until then).
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
    static final ClientOptions.DisconnectedBehavior NO_REPLAY = ClientOptions.DisconnectedBehavior.REJECT_COMMANDS;

    private final Supplier<RedisLink> connector;
    private final boolean cluster;
    private final ClientResources resources;
    private final Supplier<String> description;
    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    private volatile RedisLink link;

    private RedisConnection(Supplier<RedisLink> connector, boolean cluster, ClientResources resources, Supplier<String> description) {
        this.connector = requireNonNull(connector, "connector is null");
        this.cluster = cluster;
        this.resources = requireNonNull(resources, "resources is null");
        this.description = requireNonNull(description, "description is null");
        this.commands = forwardingCommands();
    }

    /**
     * A single node, not connected yet.
     *
     * @param uri asked at {@link #connect()} (an embedded Redis has its port only once started)
     * @param resources shut down with the connection (they may carry a command latency recorder)
     * @param description for messages, password masked
     */
    public static RedisConnection singleNode(Supplier<String> uri, Duration commandTimeout, ClientResources resources, Supplier<String> description) {
        requireNonNull(uri, "uri is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        return new RedisConnection(() -> SingleNodeLink.connect(uri.get(), commandTimeout, resources), false, resources, description);
    }

    /** A Redis Cluster found from any of {@code uris}, not connected yet. */
    public static RedisConnection cluster(List<String> uris, Duration commandTimeout, ClientResources resources, Supplier<String> description) {
        List<String> seeds = List.copyOf(uris);
        requireNonNull(commandTimeout, "commandTimeout is null");
        return new RedisConnection(() -> ClusterLink.connect(seeds, commandTimeout, resources), true, resources, description);
    }

    /** A connected single node with resources of its own (tests and tools). */
    public static RedisConnection open(String uri, Duration commandTimeout) {
        RedisConnection connection = singleNode(() -> uri, commandTimeout, DefaultClientResources.create(), () -> uri);
        connection.connect();
        return connection;
    }

    static RedisURI redisUri(String uri, Duration commandTimeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(commandTimeout);
        return redisUri;
    }

    /** Connects, once; an unreachable Redis is a start-up failure that names it. */
    public synchronized void connect() {
        if (link != null) {
            return;
        }
        try {
            link = connector.get();
        }
        catch (RedisException e) {
            throw new StartupException("cannot connect to Redis at " + description.get() + " (" + rootMessage(e)
                    + "): check redis.uri or redis.cluster-uris and that Redis runs there", e);
        }
    }

    public String description() {
        return description.get();
    }

    /** The shared connection's commands; usable once connected, and the same object before and after. */
    public RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return commands;
    }

    public boolean isCluster() {
        return cluster;
    }

    /**
     * On a single node, the shared commands. On a Redis Cluster, the commands of the primary that owns
     * {@code key}'s slot, on the very node connection the shared connection routes that key's commands
     * to: a WAIT sent there after a write covers that write.
     */
    @Override
    public CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> primaryOf(byte[] key) {
        return connected().primaryOf(key);
    }

    /** A connection of its own, for blocking reads that must not hold up the shared one. */
    public DedicatedConnection openDedicated() {
        return connected().openDedicated();
    }

    /** Runs {@code use} with server commands on a short-lived text connection (start-up checks). */
    public void withServerCommands(Consumer<RedisServerCommands<String, String>> use) {
        connected().withServerCommands(use);
    }

    /** Closes the connections (if made) and the client resources; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
            link = null;
        }
        resources.shutdown();
    }

    private RedisLink connected() {
        RedisLink connected = link;
        if (connected == null) {
            throw new IllegalStateException("Redis at " + description.get() + " is not connected (the server has not started, or has stopped)");
        }
        return connected;
    }

    /**
     * Commands that go to the shared connection once there is one: the store's objects are built
     * with them when the server is wired, before it connects.
     */
    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<byte[], byte[]> forwardingCommands() {
        return (RedisClusterAsyncCommands<byte[], byte[]>) Proxy.newProxyInstance(RedisClusterAsyncCommands.class.getClassLoader(),
                new Class<?>[] {RedisClusterAsyncCommands.class}, (proxy, method, arguments) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, arguments);
                    }
                    try {
                        return method.invoke(connected().commands(), arguments);
                    }
                    catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Object objectMethod(Object proxy, Method method, Object[] arguments) {
        return switch (method.getName()) {
            case "equals" -> proxy == arguments[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "commands of Redis at " + description.get();
        };
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** A dedicated connection's stream commands, and how to close it. */
    public record DedicatedConnection(RedisStreamAsyncCommands<byte[], byte[]> commands, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }
}
