package io.eventline.loadtest.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Plaintext (the default, as ghz's {@code --insecure}) or TLS trusting the CA certificates in a PEM file. */
public record TransportSecurity(Optional<Path> caCertificates) {
    public TransportSecurity {
        requireNonNull(caCertificates, "caCertificates is null");
    }

    public static TransportSecurity plaintext() {
        return new TransportSecurity(Optional.empty());
    }

    public ChannelCredentials credentials() {
        if (caCertificates.isEmpty()) {
            return InsecureChannelCredentials.create();
        }
        Path file = caCertificates.get();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--cacert " + file + " is not a readable file");
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(file.toFile()).build();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read CA certificates from " + file, e);
        }
    }
}
