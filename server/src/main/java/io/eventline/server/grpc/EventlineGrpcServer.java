package io.eventline.server.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The gRPC server: the Eventline services plus grpc.health.v1 and reflection (for grpcurl); requests that
 * cannot be parsed are refused with INVALID_ARGUMENT ({@link MalformedRequests}).
 * It takes a {@link ServerBuilder}, so tests can serve in-process.
 */
public final class EventlineGrpcServer {
    private final Server server;
    private final HealthStatusManager health;

    public EventlineGrpcServer(ServerBuilder<?> builder, List<BindableService> services, HealthStatusManager health) {
        this.health = requireNonNull(health, "health is null");
        // every request marshaller lenient, and the interceptor refusing what it could not parse outermost
        services.forEach(service -> builder.addService(MalformedRequests.lenient(service.bindService())));
        builder.addService(MalformedRequests.lenient(health.getHealthService().bindService()));
        builder.addService(MalformedRequests.lenient(ProtoReflectionServiceV1.newInstance().bindService()));
        builder.intercept(new MalformedRequestInterceptor());
        this.server = builder.build();
    }

    public void start() {
        try {
            server.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC server", e);
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    }

    /** The port it listens on (useful when configured as 0); -1 in-process. */
    public int port() {
        return server.getPort();
    }

    /**
     * Stops taking calls, ends the long-lived ones with {@code endStreams} (subscriptions), lets the
     * running ones finish within {@code timeout}, then cancels the rest.
     */
    public void stop(Duration timeout, Runnable endStreams) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        server.shutdown();
        endStreams.run();
        try {
            if (!server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}
