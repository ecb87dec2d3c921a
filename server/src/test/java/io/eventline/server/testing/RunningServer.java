package io.eventline.server.testing;

import io.eventline.server.EventlineServer;
import io.eventline.server.Main;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The server as Main wires it (Guice, Netty on a free port, metrics on a free port), on a fresh namespace of the test Redis. */
public final class RunningServer implements AutoCloseable {
    private final EventlineServer server;
    private final String namespace;
    private final List<ManagedChannel> channels = new ArrayList<>();

    private RunningServer(EventlineServer server, String namespace) {
        this.server = server;
        this.namespace = namespace;
    }

    /** Starts a server on {@code redisUri}; {@code flags} add to or override the test defaults. */
    public static RunningServer start(String redisUri, String namespace, String... flags) {
        return start(List.of("--redis.uri=" + redisUri), namespace, flags);
    }

    /** Starts a server on the Redis Cluster found from {@code seedUris}. */
    public static RunningServer startOnCluster(List<String> seedUris, String namespace, String... flags) {
        return start(List.of("--redis.cluster-uris=" + String.join(",", seedUris)), namespace, flags);
    }

    /** Starts a server on its own embedded Redis: data in {@code dataDirectory}, listening on 127.0.0.1:{@code redisPort}. */
    public static RunningServer startEmbedded(Path dataDirectory, int redisPort, String namespace, String... flags) {
        return start(List.of("--redis.embedded.data-dir=" + dataDirectory, "--redis.embedded.port=" + redisPort), namespace, flags);
    }

    private static RunningServer start(List<String> redisFlags, String namespace, String... flags) {
        List<String> args = new ArrayList<>(List.of("--grpc.port=0", "--grpc.host=127.0.0.1", "--metrics.port=0", "--metrics.host=127.0.0.1",
                "--store.namespace=" + namespace));
        args.addAll(redisFlags);
        args.addAll(List.of(flags));
        EventlineServer server = Main.create(args, Map.of());
        server.start();
        return new RunningServer(server, namespace);
    }

    public static RunningServer start(TestRedis redis, String... flags) {
        return start(redis.serverFlags(), redis.newNamespace(), flags);
    }

    public int port() {
        return server.port();
    }

    public int metricsPort() {
        return server.metricsPort();
    }

    public String namespace() {
        return namespace;
    }

    /** A plaintext channel to the server, closed with it. */
    public ManagedChannel channel() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build();
        channels.add(channel);
        return channel;
    }

    public void stop() {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        server.stop();
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.stop();
    }
}
