package io.eventline.server;

import java.util.Properties;

/**
 * Netty settings the server runs with unless the operator sets them (with {@code -D}). Netty's
 * default leak detection records a stack trace for one buffer in 128: 2–3 % of the server's CPU
 * under load in a profile (docs/benchmarks.md). The tests keep Netty's default, and catch leaks there.
 */
final class NettyDefaults {
    /** gRPC's shaded Netty reads its own copy of each property, under the relocated prefix. */
    private static final String[] PREFIXES = {"io.netty.", "io.grpc.netty.shaded.io.netty."};

    private NettyDefaults() {
    }

    /** Sets each default the properties do not already name; call before any Netty class loads. */
    static void applyTo(Properties properties) {
        for (String prefix : PREFIXES) {
            if (properties.getProperty(prefix + "leakDetection.level") == null) {
                properties.setProperty(prefix + "leakDetection.level", "disabled");
            }
        }
    }
}
