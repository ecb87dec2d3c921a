package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.config.GrpcConfig;
import io.eventline.server.grpc.ConsumerGroupGrpcService;
import io.eventline.server.grpc.EventStoreGrpcService;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.grpc.ProtoMapper;
import io.eventline.server.grpc.StatusMapper;
import io.eventline.server.grpc.StreamGrpcService;
import io.eventline.server.grpc.UnaryResponder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

import java.net.InetSocketAddress;
import java.util.List;

/** The gRPC front: services translating proto to store calls, health and reflection, on Netty. */
public final class GrpcModule extends AbstractModule {
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

    @Provides
    @Singleton
    HealthStatusManager healthStatusManager() {
        return new HealthStatusManager();
    }

    @Provides
    @Singleton
    EventlineGrpcServer grpcServer(GrpcConfig config, EventStoreGrpcService eventStore, StreamGrpcService streams, ConsumerGroupGrpcService groups,
            HealthStatusManager health) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
                .maxInboundMessageSize(config.maxInboundMessageBytes());
        return new EventlineGrpcServer(builder, List.of(eventStore, streams, groups), health);
    }
}
