package io.eventline.server.config;

import java.time.Duration;

/**
 * The HTTP listener for /metrics and /healthz, whether /metrics asks for a bearer token (/healthz
 * never does: probes carry none), and how often health and group figures refresh.
 */
public record MetricsConfig(boolean enabled, String host, int port, boolean requireToken, Duration healthInterval, Duration groupInterval) {
    public static MetricsConfig from(ConfigProperties properties) {
        int port = properties.getInt("metrics.port", 9464, -1, 65535);
        return new MetricsConfig(
                port >= 0,
                properties.getString("metrics.host", "0.0.0.0"),
                port,
                properties.getBoolean("metrics.require-token", false),
                properties.getDuration("health.redis-check-interval", Duration.ofSeconds(1)),
                properties.getDuration("metrics.group-interval", Duration.ofSeconds(15)));
    }
}
