package io.eventline.server.config;

import java.time.Duration;

/** The gRPC listener. */
public record GrpcConfig(String host, int port, Duration shutdownTimeout, int maxInboundMessageBytes) {
    public static GrpcConfig from(ConfigProperties properties) {
        return new GrpcConfig(
                properties.getString("grpc.host", "0.0.0.0"),
                properties.getInt("grpc.port", 50051, 0, 65535),
                properties.getDuration("grpc.shutdown-timeout", Duration.ofSeconds(10)),
                properties.getInt("grpc.max-inbound-message-bytes", 8 * 1024 * 1024, 1024, Integer.MAX_VALUE));
    }
}
