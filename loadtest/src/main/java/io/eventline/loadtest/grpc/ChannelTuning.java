package io.eventline.loadtest.grpc;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What ghz lets a user set on its connections: {@code --keepalive} (zero: none), the largest
 * response accepted ({@code --max-recv-message-size}), how long to wait for the connections before
 * the first request ({@code --connect-timeout}; zero: do not wait), and how a connection spreads its
 * calls over the addresses a name resolves to ({@code --lb-strategy}: gRPC's {@code pick_first} or
 * {@code round_robin}), and the threads that do the connections' network work ({@code --cpus}, as
 * the cores ghz's Go runtime may use; 0: gRPC's default, two per core).
 */
public record ChannelTuning(Duration keepalive, int maxReceiveBytes, Duration connectTimeout, String loadBalancingPolicy, int networkThreads) {
    /** What the scenarios use: no keepalive, 16 MiB responses, no wait, gRPC's default policy and threads. */
    public static final ChannelTuning DEFAULT = new ChannelTuning(Duration.ZERO, 16 * 1024 * 1024, Duration.ZERO, "pick_first", 0);

    public ChannelTuning {
        requireNonNull(keepalive, "keepalive is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(loadBalancingPolicy, "loadBalancingPolicy is null");
        if (!loadBalancingPolicy.equals("pick_first") && !loadBalancingPolicy.equals("round_robin")) {
            throw new IllegalArgumentException("--lb-strategy must be pick_first or round_robin, is '" + loadBalancingPolicy + "'");
        }
        if (keepalive.isNegative() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("--keepalive and --connect-timeout must not be negative");
        }
        if (networkThreads < 0) {
            throw new IllegalArgumentException("--cpus must not be negative");
        }
        if (maxReceiveBytes < 1) {
            throw new IllegalArgumentException("--max-recv-message-size must be at least 1 byte");
        }
    }
}
