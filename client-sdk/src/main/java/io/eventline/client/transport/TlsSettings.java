package io.eventline.client.transport;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Plaintext, TLS trusting the JDK's certificate authorities, or TLS trusting the certificates in a PEM file. */
public final class TlsSettings {
    private final boolean enabled;
    private final Optional<Path> trustedCertificates;

    private TlsSettings(boolean enabled, Optional<Path> trustedCertificates) {
        this.enabled = enabled;
        this.trustedCertificates = requireNonNull(trustedCertificates, "trustedCertificates is null");
    }

    public static TlsSettings plaintext() {
        return new TlsSettings(false, Optional.empty());
    }

    public static TlsSettings systemTrust() {
        return new TlsSettings(true, Optional.empty());
    }

    public static TlsSettings trusting(Path pemCertificates) {
        return new TlsSettings(true, Optional.of(requireNonNull(pemCertificates, "pemCertificates is null")));
    }

    public ChannelCredentials credentials() {
        if (!enabled) {
            return InsecureChannelCredentials.create();
        }
        if (trustedCertificates.isEmpty()) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(trustedCertificates.get().toFile()).build();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted certificates in " + trustedCertificates.get(), e);
        }
    }

    @Override
    public String toString() {
        return !enabled ? "plaintext" : trustedCertificates.map(path -> "TLS trusting " + path).orElse("TLS trusting the JDK's authorities");
    }
}
