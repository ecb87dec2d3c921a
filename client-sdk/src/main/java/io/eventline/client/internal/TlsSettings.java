package io.eventline.client.internal;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Plaintext, or TLS trusting the JDK's certificate authorities or the certificates in a PEM file;
 * with TLS, optionally a client certificate for servers that require mutual TLS.
 */
public final class TlsSettings {
    private final boolean enabled;
    private final Optional<Path> trustedCertificates;
    private final Optional<ClientCertificate> clientCertificate;

    private TlsSettings(boolean enabled, Optional<Path> trustedCertificates, Optional<ClientCertificate> clientCertificate) {
        this.enabled = enabled;
        this.trustedCertificates = requireNonNull(trustedCertificates, "trustedCertificates is null");
        this.clientCertificate = requireNonNull(clientCertificate, "clientCertificate is null");
    }

    public static TlsSettings plaintext() {
        return new TlsSettings(false, Optional.empty(), Optional.empty());
    }

    public static TlsSettings systemTrust() {
        return new TlsSettings(true, Optional.empty(), Optional.empty());
    }

    public static TlsSettings trusting(Path pemCertificates) {
        return new TlsSettings(true, Optional.of(requireNonNull(pemCertificates, "pemCertificates is null")), Optional.empty());
    }

    /** These settings, presenting a client certificate (PEM chain and PEM PKCS#8 private key) to the server. */
    public TlsSettings withClientCertificate(Path certificateChain, Path privateKey) {
        if (!enabled) {
            throw new IllegalStateException("a client certificate needs TLS: call tls() or tls(trustedCertificates) too");
        }
        return new TlsSettings(true, trustedCertificates, Optional.of(new ClientCertificate(certificateChain, privateKey)));
    }

    public ChannelCredentials credentials() {
        if (!enabled) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        try {
            if (trustedCertificates.isPresent()) {
                builder.trustManager(trustedCertificates.get().toFile());
            }
            if (clientCertificate.isPresent()) {
                builder.keyManager(clientCertificate.get().certificateChain().toFile(), clientCertificate.get().privateKey().toFile());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS files (" + this + ")", e);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "plaintext";
        }
        String trust = trustedCertificates.map(path -> "TLS trusting " + path).orElse("TLS trusting the JDK's authorities");
        return trust + clientCertificate.map(certificate -> ", client certificate " + certificate.certificateChain()).orElse("");
    }

    private record ClientCertificate(Path certificateChain, Path privateKey) {
        ClientCertificate {
            requireNonNull(certificateChain, "certificateChain is null");
            requireNonNull(privateKey, "privateKey is null");
        }
    }
}
