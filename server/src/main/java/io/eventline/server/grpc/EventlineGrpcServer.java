package io.eventline.server.grpc;

import io.eventline.server.lifecycle.StartupException;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.eventline.server.health.ServiceHealth;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

import java.io.IOException;
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
    private final ServiceHealth health;

    @SuppressWarnings("deprecation") // ProtoReflectionService serves v1alpha, which grpc-java deprecates but clients still use
    public EventlineGrpcServer(ServerBuilder<?> builder, List<BindableService> services, ServiceHealth health) {
        this.health = requireNonNull(health, "health is null");
        // every request marshaller lenient, and the interceptor refusing what it could not parse outermost
        services.forEach(service -> builder.addService(MalformedRequests.lenient(service.bindService())));
        builder.addService(MalformedRequests.lenient(health.service().bindService()));
        builder.addService(MalformedRequests.lenient(ProtoReflectionServiceV1.newInstance().bindService()));
        // v1alpha too: older grpcurl, Evans, Postman and Kreya know only that one
        builder.addService(MalformedRequests.lenient(ProtoReflectionService.newInstance().bindService()));
        builder.addService(ErrorDetailTypes.definition());
        builder.intercept(new MalformedRequestInterceptor());
        this.server = builder.build();
    }

    /** Binds the port and serves; a busy port is a start-up failure that says which setting to change. */
    public void start() {
        try {
            server.start();
        }
        catch (IOException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
            throw new StartupException("cannot start the gRPC server (" + reason + "): set grpc.port to a free port, or stop what listens there", e);
        }
        health.set(ServingStatus.SERVING);
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
        health.set(ServingStatus.NOT_SERVING);
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
