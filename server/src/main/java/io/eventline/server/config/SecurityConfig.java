package io.eventline.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * TLS for the gRPC listener (mutual when a client CA is given), the bearer-token file, and how often
 * the key that seals ack ids is replaced (empty: never).
 */
public record SecurityConfig(Optional<Path> tlsCertChain, Optional<Path> tlsPrivateKey, Optional<Path> tlsClientCa, Optional<Path> tokenFile,
        Optional<Duration> ackKeyRotation) {
    /** An ack id sealed just before a rotation must outlive the longest ack timeout (24h). */
    static final Duration MIN_ACK_KEY_ROTATION = Duration.ofHours(25);

    public static SecurityConfig from(ConfigProperties properties) {
        Optional<Path> cert = path(properties, "security.tls.cert-chain");
        Optional<Path> key = path(properties, "security.tls.private-key");
        Optional<Path> clientCa = path(properties, "security.tls.client-ca");
        Optional<Path> tokens = path(properties, "security.token-file");
        if (cert.isPresent() != key.isPresent()) {
            throw properties.fail("security.tls.cert-chain", "TLS needs both security.tls.cert-chain and security.tls.private-key");
        }
        if (clientCa.isPresent() && cert.isEmpty()) {
            throw properties.fail("security.tls.client-ca", "mutual TLS needs TLS: set security.tls.cert-chain and security.tls.private-key");
        }
        Duration rotation = properties.getDuration("security.ack-key-rotation", Duration.ofDays(30));
        if (!rotation.isZero() && rotation.compareTo(MIN_ACK_KEY_ROTATION) < 0) {
            throw properties.fail("security.ack-key-rotation", "must be 0 (never) or at least 25h, longer than the longest ack timeout");
        }
        return new SecurityConfig(cert, key, clientCa, tokens, rotation.isZero() ? Optional.empty() : Optional.of(rotation));
    }

    public boolean tls() {
        return tlsCertChain.isPresent();
    }

    private static Optional<Path> path(ConfigProperties properties, String key) {
        String value = properties.getString(key, "").trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw properties.fail(key, "cannot read " + path.toAbsolutePath());
        }
        return Optional.of(path);
    }
}
