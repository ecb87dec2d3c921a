package io.eventline.loadtest.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a channel is secured, as ghz's flags say: {@code --insecure} is plaintext; otherwise TLS,
 * trusting the system's roots or {@code --cacert}'s, presenting {@code --cert} and {@code --key}
 * when given, not verifying the server with {@code --skipTLS}. {@code --cname} overrides the name
 * the server's certificate is checked against, {@code --authority} the {@code :authority} of a
 * plaintext call.
 */
public record TransportSecurity(
        boolean insecure,
        Optional<Path> caCertificates,
        Optional<Path> certificate,
        Optional<Path> key,
        boolean skipVerify,
        Optional<String> serverName,
        Optional<String> authority) {
    public TransportSecurity {
        requireNonNull(caCertificates, "caCertificates is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(key, "key is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(authority, "authority is null");
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
    }

    public static TransportSecurity plaintext() {
        return new TransportSecurity(true, Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    public ChannelCredentials credentials() {
        if (insecure) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            if (skipVerify) {
                tls.trustManager(InsecureTrustManagerFactory.INSTANCE.getTrustManagers());
            }
            else if (caCertificates.isPresent()) {
                tls.trustManager(readable(caCertificates.get(), "--cacert").toFile());
            }
            if (certificate.isPresent()) {
                tls.keyManager(readable(certificate.get(), "--cert").toFile(), readable(key.orElseThrow(), "--key").toFile());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS files: " + e.getMessage(), e);
        }
        return tls.build();
    }

    /** The {@code :authority} to send: the certificate name override with TLS, the plain override without. */
    public Optional<String> authorityOverride() {
        return insecure ? authority : serverName;
    }

    private static Path readable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file");
        }
        return file;
    }
}
