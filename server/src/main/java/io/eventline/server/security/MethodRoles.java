package io.eventline.server.security;

import java.util.Map;
import java.util.Optional;

/** The role each RPC needs; health and reflection need none, so probes and grpcurl's discovery work without a token. */
final class MethodRoles {
    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("eventline.v1.EventStoreService/AppendEvents", Role.WRITE),
            Map.entry("eventline.v1.EventStoreService/ReadStream", Role.READ),
            Map.entry("eventline.v1.EventStoreService/Subscribe", Role.READ),
            Map.entry("eventline.v1.EventStoreService/Ack", Role.READ),
            Map.entry("eventline.v1.EventStoreService/Nack", Role.READ),
            Map.entry("eventline.v1.StreamService/GetStreamInfo", Role.READ),
            Map.entry("eventline.v1.StreamService/LoadSnapshot", Role.READ),
            Map.entry("eventline.v1.StreamService/SaveSnapshot", Role.WRITE),
            Map.entry("eventline.v1.StreamService/DeleteStream", Role.ADMIN),
            Map.entry("eventline.v1.StreamService/SetStreamRetention", Role.ADMIN),
            Map.entry("eventline.v1.ConsumerGroupService/ListGroups", Role.READ),
            Map.entry("eventline.v1.ConsumerGroupService/DescribeGroup", Role.READ),
            Map.entry("eventline.v1.ConsumerGroupService/CreateGroup", Role.ADMIN),
            Map.entry("eventline.v1.ConsumerGroupService/UpdateGroup", Role.ADMIN),
            Map.entry("eventline.v1.ConsumerGroupService/ResetGroup", Role.ADMIN),
            Map.entry("eventline.v1.ConsumerGroupService/RemoveConsumer", Role.ADMIN),
            Map.entry("eventline.v1.ConsumerGroupService/DeleteGroup", Role.ADMIN),
            Map.entry("eventline.v1.ConsumerGroupService/ReplayParked", Role.ADMIN));

    private MethodRoles() {
    }

    /** Empty for open methods (health, reflection). Unknown Eventline methods need admin. */
    static Optional<Role> required(String fullMethodName) {
        Role role = ROLES.get(fullMethodName);
        if (role != null) {
            return Optional.of(role);
        }
        return fullMethodName.startsWith("eventline.") ? Optional.of(Role.ADMIN) : Optional.empty();
    }
}
