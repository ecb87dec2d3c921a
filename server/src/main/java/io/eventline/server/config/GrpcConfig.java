package io.eventline.server.config;

import java.time.Duration;

/** The gRPC listener. */
public record GrpcConfig(
        String host,
        int port,
        Duration shutdownTimeout,
        int maxInboundMessageBytes,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        Duration permitKeepAliveTime,
        int maxSubscriptionsPerConnection) {
    public static GrpcConfig from(ConfigProperties properties) {
        return new GrpcConfig(
                properties.getString("grpc.host", "0.0.0.0"),
                properties.getInt("grpc.port", 50051, 0, 65535),
                properties.getDuration("grpc.shutdown-timeout", Duration.ofSeconds(10)),
                properties.getInt("grpc.max-inbound-message-bytes", 8 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                properties.getDuration("grpc.keepalive-time", Duration.ofMinutes(1)),
                properties.getDuration("grpc.keepalive-timeout", Duration.ofSeconds(20)),
                properties.getDuration("grpc.permit-keepalive-time", Duration.ofSeconds(10)),
                properties.getInt("limits.max-subscriptions-per-connection", 1000, 1, 1_000_000));
    }
}
