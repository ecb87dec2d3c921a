package io.eventline.client.internal;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * HTTP/2 pings that find a dead connection while a subscription waits for events. The server must
 * permit pings this often: Eventline's {@code grpc.permit-keepalive-time} (10 s by default) is the
 * shortest {@code time} it accepts; a client that pings more often is disconnected.
 */
public record KeepAlive(Duration time, Duration timeout) {
    public KeepAlive {
        requireNonNull(time, "time is null");
        requireNonNull(timeout, "timeout is null");
        if (time.isNegative() || time.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("keep-alive time and timeout must be positive");
        }
    }
}
