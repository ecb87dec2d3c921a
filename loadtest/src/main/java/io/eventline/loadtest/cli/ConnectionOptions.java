package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.TransportSecurity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the tool talks to the server, with ghz's names and defaults, the same for a ghz-style run and a scenario: a picocli mixin. */
public final class ConnectionOptions {
    @Option(names = "--connections", defaultValue = "1", description = "gRPC connections the workers share (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-t", "--timeout"}, defaultValue = "20s", converter = DurationConverter.class,
            description = "Deadline of each request; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--insecure", arity = "0..1", fallbackValue = "true", description = "Plaintext, no TLS. Without it TLS is used, as in ghz.")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE", description = "TLS: trust the CA certificates in this PEM file instead of the system's.")
    Path caCertificates;

    @Option(names = "--cert", paramLabel = "FILE", description = "TLS: the client certificate (PEM) to present; needs --key.")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE", description = "TLS: the client's private key (PEM); needs --cert.")
    Path key;

    @Option(names = "--cname", paramLabel = "NAME", description = "TLS: the server name to check the certificate against.")
    String serverName;

    @Option(names = "--skipTLS", arity = "0..1", fallbackValue = "true", description = "TLS: do not verify the server's certificate chain.")
    boolean skipVerify;

    @Option(names = "--authority", paramLabel = "AUTHORITY", description = "The :authority header; plaintext (--insecure) only.")
    String authority;

    public int connections() {
        return connections;
    }

    public Duration timeout() {
        return timeout;
    }

    public TransportSecurity security() {
        return new TransportSecurity(insecure, Optional.ofNullable(caCertificates), Optional.ofNullable(certificate),
                Optional.ofNullable(key), skipVerify, Optional.ofNullable(serverName), Optional.ofNullable(authority));
    }
}
