package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.config.ConfigurationException;
import io.eventline.server.config.GrpcConfig;
import io.eventline.server.config.SecurityConfig;
import io.eventline.server.config.StoreConfig;
import io.eventline.server.grpc.ConsumerGroupGrpcService;
import io.eventline.server.grpc.DeliveryBatching;
import io.eventline.server.grpc.EventStoreGrpcService;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.grpc.ProtoMapper;
import io.eventline.server.grpc.StatusMapper;
import io.eventline.server.grpc.StreamGrpcService;
import io.eventline.server.grpc.UnaryResponder;
import io.eventline.server.security.AuthInterceptor;
import io.eventline.server.security.SubscriptionLimitInterceptor;
import io.eventline.server.security.Callers;
import io.eventline.server.security.TokenFile;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.eventline.server.health.ServiceHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The gRPC front: services translating proto to store calls, interceptors (metrics, auth, limits), TLS, health and reflection, on Netty. */
public final class GrpcModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(GrpcModule.class);
    /** How soon a changed token file takes effect. */
    private static final Duration TOKEN_FILE_CHECK_INTERVAL = Duration.ofSeconds(2);

    @Override
    protected void configure() {
        bind(ProtoMapper.class).in(Singleton.class);
        bind(StatusMapper.class).in(Singleton.class);
        bind(EventStoreGrpcService.class).in(Singleton.class);
        bind(StreamGrpcService.class).in(Singleton.class);
        bind(ConsumerGroupGrpcService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    UnaryResponder unaryResponder(StatusMapper statusMapper) {
        return new UnaryResponder(statusMapper);
    }

    /** A batch of deliveries is never larger than the largest single event. */
    @Provides
    @Singleton
    DeliveryBatching deliveryBatching(ProtoMapper mapper, StoreConfig store) {
        return new DeliveryBatching(mapper, store.limits().maxEventBytes());
    }

    /** Reads the token file (a bad one stops the start); the lifecycle starts watching it for changes. */
    @Provides
    @Singleton
    Optional<TokenFile> tokenFile(SecurityConfig security) {
        return security.tokenFile().map(path -> new TokenFile(path, TOKEN_FILE_CHECK_INTERVAL));
    }

    @Provides
    @Singleton
    Callers callers(Optional<TokenFile> tokenFile) {
        return new Callers(tokenFile.isPresent());
    }

    /** Netty on the configured address, with TLS when configured; it binds only when the server starts. */
    @Provides
    @Singleton
    ServerBuilder<?> serverBuilder(GrpcConfig config, SecurityConfig security) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(config.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(config.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true)
                // handlers never block (every Redis call is asynchronous), so they run on the transport's
                // threads: no hand-off to a thread pool per call (+25 % single-event appends/s, docs/benchmarks.md)
                .directExecutor();
        if (security.tls()) {
            builder.sslContext(sslContext(security));
        }
        return builder;
    }

    @Provides
    @Singleton
    EventlineGrpcServer grpcServer(ServerBuilder<?> builder, GrpcConfig config, Optional<TokenFile> tokenFile, EventStoreGrpcService eventStore,
            StreamGrpcService streams, ConsumerGroupGrpcService groups, ServiceHealth health, MeterRegistry registry) {
        // interceptors run in the reverse order of addition: metrics see every call, auth runs before the limits
        builder.intercept(new SubscriptionLimitInterceptor(config.maxSubscriptionsPerConnection()));
        if (tokenFile.isPresent()) {
            log.info("Bearer-token authentication on: {} tokens from {}", tokenFile.get().tokens().size(), tokenFile.get().path());
            builder.intercept(new AuthInterceptor(tokenFile.get()::tokens));
        }
        else {
            log.warn("No security.token-file: every client may call every RPC (set one to require bearer tokens)");
        }
        builder.intercept(new MetricCollectingServerInterceptor(registry));
        return new EventlineGrpcServer(builder, List.of(eventStore, streams, groups), health);
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(SecurityConfig security) {
        try {
            SslContextBuilder context = GrpcSslContexts.forServer(security.tlsCertChain().orElseThrow().toFile(), security.tlsPrivateKey().orElseThrow().toFile());
            security.tlsClientCa().ifPresent(clientCa -> context.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE));
            return context.build();
        }
        catch (SSLException | IllegalArgumentException e) {
            throw new ConfigurationException("cannot set up TLS from security.tls.cert-chain=" + security.tlsCertChain().orElseThrow()
                    + " and security.tls.private-key=" + security.tlsPrivateKey().orElseThrow() + " (" + e.getMessage()
                    + "): give a PEM certificate chain and its PKCS#8 PEM key (docs/operations.md, TLS)");
        }
    }
}
