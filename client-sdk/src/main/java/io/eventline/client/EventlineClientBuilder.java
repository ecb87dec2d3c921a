package io.eventline.client;

import io.eventline.client.internal.BearerTokenCredentials;
import io.eventline.client.internal.CallOptionsFactory;
import io.eventline.client.internal.ChannelFactory;
import io.eventline.client.internal.GrpcEventlineClient;
import io.eventline.client.internal.KeepAlive;
import io.eventline.client.internal.TlsSettings;
import io.grpc.CallCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Configures an {@link EventlineClient}: where the server is, TLS (and a client certificate), a bearer token, the deadline of
 * each unary call, keep-alive pings, and how idempotent calls are retried.
 */
public final class EventlineClientBuilder {
    private String target;
    private ManagedChannelBuilder<?> channelBuilder;
    private TlsSettings tls = TlsSettings.plaintext();
    private Path clientCertificateChain;
    private Path clientPrivateKey;
    private Optional<CallCredentials> credentials = Optional.empty();
    private Duration deadline = Duration.ofSeconds(10);
    private Optional<KeepAlive> keepAlive = Optional.empty();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final List<ClientInterceptor> interceptors = new ArrayList<>();

    EventlineClientBuilder() {
    }

    /** The server: {@code host:port}, or a gRPC target URI such as {@code dns:///eventline.internal:50051}. */
    public EventlineClientBuilder target(String target) {
        this.target = requireNonNull(target, "target is null");
        return this;
    }

    /** A channel builder of the caller's choosing (another transport, e.g. in-process in tests) instead of a target; TLS settings do not apply to it. */
    public EventlineClientBuilder channelBuilder(ManagedChannelBuilder<?> channelBuilder) {
        this.channelBuilder = requireNonNull(channelBuilder, "channelBuilder is null");
        return this;
    }

    /** TLS, trusting the JDK's certificate authorities. */
    public EventlineClientBuilder tls() {
        this.tls = TlsSettings.systemTrust();
        return this;
    }

    /** TLS, trusting the certificates in this PEM file (e.g. a private CA). */
    public EventlineClientBuilder tls(Path trustedCertificates) {
        this.tls = TlsSettings.trusting(trustedCertificates);
        return this;
    }

    /** With TLS: presents this client certificate (PEM chain, PEM PKCS#8 key) to a server that requires mutual TLS. */
    public EventlineClientBuilder clientCertificate(Path certificateChain, Path privateKey) {
        this.clientCertificateChain = requireNonNull(certificateChain, "certificateChain is null");
        this.clientPrivateKey = requireNonNull(privateKey, "privateKey is null");
        return this;
    }

    /** Sends {@code authorization: Bearer <token>} with every call. */
    public EventlineClientBuilder bearerToken(String token) {
        this.credentials = Optional.of(new BearerTokenCredentials(token));
        return this;
    }

    /** The deadline of each attempt of a unary call (default 10 s). Reads and subscriptions have none. */
    public EventlineClientBuilder deadline(Duration deadline) {
        this.deadline = requireNonNull(deadline, "deadline is null");
        return this;
    }

    /** Pings the server after {@code time} without traffic and gives the connection up after {@code timeout} without an answer. */
    public EventlineClientBuilder keepAlive(Duration time, Duration timeout) {
        this.keepAlive = Optional.of(new KeepAlive(time, timeout));
        return this;
    }

    /** How idempotent calls are retried when the server cannot be reached (default {@link RetryPolicy#defaults()}). */
    public EventlineClientBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
        return this;
    }

    /** Adds an interceptor to every call (tracing, metrics, extra headers). */
    public EventlineClientBuilder interceptor(ClientInterceptor interceptor) {
        interceptors.add(requireNonNull(interceptor, "interceptor is null"));
        return this;
    }

    public EventlineClient build() {
        if ((target == null) == (channelBuilder == null)) {
            throw new IllegalStateException("set either a target or a channel builder");
        }
        // applied here so that tls(...) and clientCertificate(...) may be called in either order
        TlsSettings transport = clientCertificateChain == null ? tls : tls.withClientCertificate(clientCertificateChain, clientPrivateKey);
        ChannelFactory channels = new ChannelFactory(transport, keepAlive, interceptors);
        ManagedChannel channel = target != null ? channels.create(target) : channels.configure(channelBuilder);
        return new GrpcEventlineClient(channel, new CallOptionsFactory(deadline, credentials), retryPolicy);
    }
}
