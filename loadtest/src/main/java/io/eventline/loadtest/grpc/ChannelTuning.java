package io.eventline.loadtest.grpc;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What ghz lets a user set on its connections: {@code --keepalive} (zero: none), the largest
 * response accepted ({@code --max-recv-message-size}), and how long to wait for the connections
 * before the first request ({@code --connect-timeout}; zero: do not wait).
 */
public record ChannelTuning(Duration keepalive, int maxReceiveBytes, Duration connectTimeout) {
    /** What the scenarios use: no keepalive, 16 MiB responses, no wait. */
    public static final ChannelTuning DEFAULT = new ChannelTuning(Duration.ZERO, 16 * 1024 * 1024, Duration.ZERO);

    public ChannelTuning {
        requireNonNull(keepalive, "keepalive is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        if (keepalive.isNegative() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("--keepalive and --connect-timeout must not be negative");
        }
        if (maxReceiveBytes < 1) {
            throw new IllegalArgumentException("--max-recv-message-size must be at least 1 byte");
        }
    }
}
