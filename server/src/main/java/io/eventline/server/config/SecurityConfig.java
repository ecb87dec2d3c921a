package io.eventline.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** TLS for the gRPC listener (mutual when a client CA is given) and the bearer-token file. */
public record SecurityConfig(Optional<Path> tlsCertChain, Optional<Path> tlsPrivateKey, Optional<Path> tlsClientCa, Optional<Path> tokenFile) {
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
        return new SecurityConfig(cert, key, clientCa, tokens);
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
