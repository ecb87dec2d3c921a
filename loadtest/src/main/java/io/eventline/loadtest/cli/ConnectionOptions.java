package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.TransportSecurity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the tool talks to the server, the same for a ghz-style run and a scenario: a picocli mixin. */
public final class ConnectionOptions {
    @Option(names = "--connections", defaultValue = "1", description = "gRPC connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-t", "--timeout"}, defaultValue = "20s", converter = DurationConverter.class,
            description = "Deadline of each request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--insecure", defaultValue = "true", fallbackValue = "true",
            description = "Plaintext, no TLS: the default unless --cacert is given (accepted for ghz compatibility).")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE", description = "Use TLS, trusting the CA certificates in this PEM file.")
    Path caCertificates;

    public int connections() {
        return connections;
    }

    public Duration timeout() {
        return timeout;
    }

    public TransportSecurity security() {
        return new TransportSecurity(Optional.ofNullable(caCertificates));
    }
}
