package io.eventline.server.health;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * grpc.health.v1 for the whole server (the empty service name) and for each Eventline service by
 * its full name, as load balancers and grpcurl ask either way; all change together.
 */
public final class ServiceHealth {
    private final HealthStatusManager health = new HealthStatusManager();
    private final List<String> serviceNames;

    public ServiceHealth(List<String> serviceNames) {
        this.serviceNames = List.copyOf(requireNonNull(serviceNames, "serviceNames is null"));
    }

    public BindableService service() {
        return health.getHealthService();
    }

    public void set(ServingStatus status) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        serviceNames.forEach(name -> health.setStatus(name, status));
    }

    /** NOT_SERVING for good, and watchers are told (the server is stopping). */
    public void enterTerminalState() {
        health.enterTerminalState();
    }
}
