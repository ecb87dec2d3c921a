package io.eventline.client.internal;

import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Builds the one channel a client multiplexes all its calls over. */
public final class ChannelFactory {
    /** The server's default request limit; replies (read pages) stay well below it. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 8 * 1024 * 1024;

    private final TlsSettings tls;
    private final Optional<KeepAlive> keepAlive;
    private final List<ClientInterceptor> interceptors;

    public ChannelFactory(TlsSettings tls, Optional<KeepAlive> keepAlive, List<ClientInterceptor> interceptors) {
        this.tls = requireNonNull(tls, "tls is null");
        this.keepAlive = requireNonNull(keepAlive, "keepAlive is null");
        this.interceptors = List.copyOf(interceptors);
    }

    /** A channel to {@code target}: {@code host:port}, or any gRPC target URI ({@code dns:///host:port}). */
    public ManagedChannel create(String target) {
        requireNonNull(target, "target is null");
        return configure(Grpc.newChannelBuilder(target, tls.credentials()));
    }

    /** A channel from a builder the caller chose (another transport, e.g. in-process); TLS settings do not apply. */
    public ManagedChannel configure(ManagedChannelBuilder<?> builder) {
        builder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
        keepAlive.ifPresent(settings -> builder
                .keepAliveTime(settings.time().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(false));
        // the SDK retries itself, with the knowledge of which calls are idempotent
        builder.disableRetry();
        builder.intercept(interceptors);
        return builder.build();
    }
}
