package io.eventline.server.security;

import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.eventline.server.security.Role.ADMIN;
import static io.eventline.server.security.Role.READ;
import static io.eventline.server.security.Role.WRITE;

/**
 * The one table of what each RPC needs, keyed by the generated method descriptors, so server policy
 * stays out of the public contract. A method missing from it is refused, never allowed.
 */
final class MethodPolicies {
    private final Map<String, MethodPolicy> byMethod;

    private MethodPolicies(Map<String, MethodPolicy> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    static MethodPolicies eventline() {
        Map<String, MethodPolicy> table = new HashMap<>();
        put(table, EventStoreServiceGrpc.getAppendEventsMethod(), MethodPolicy.of(WRITE).stream("stream"));
        put(table, EventStoreServiceGrpc.getReadStreamMethod(), MethodPolicy.of(READ).stream("stream"));
        put(table, EventStoreServiceGrpc.getSubscribeMethod(), MethodPolicy.of(READ).stream("stream").group("group"));
        put(table, EventStoreServiceGrpc.getAckMethod(), MethodPolicy.of(READ).group("group"));
        put(table, EventStoreServiceGrpc.getNackMethod(), MethodPolicy.of(READ).group("group"));

        put(table, StreamServiceGrpc.getGetStreamInfoMethod(), MethodPolicy.of(READ).stream("stream"));
        put(table, StreamServiceGrpc.getLoadSnapshotMethod(), MethodPolicy.of(READ).stream("stream"));
        put(table, StreamServiceGrpc.getSaveSnapshotMethod(), MethodPolicy.of(WRITE).stream("stream"));
        put(table, StreamServiceGrpc.getDeleteStreamMethod(), MethodPolicy.of(ADMIN).stream("stream"));
        put(table, StreamServiceGrpc.getSetStreamRetentionMethod(), MethodPolicy.of(ADMIN).stream("stream"));

        // reading groups is for whoever may read their streams; changing them is for admins
        put(table, ConsumerGroupServiceGrpc.getListGroupsMethod(), MethodPolicy.of(READ));
        put(table, ConsumerGroupServiceGrpc.getDescribeGroupMethod(), MethodPolicy.of(READ).group("group"));
        put(table, ConsumerGroupServiceGrpc.getCreateGroupMethod(), MethodPolicy.of(ADMIN).stream("stream").group("group"));
        put(table, ConsumerGroupServiceGrpc.getUpdateGroupMethod(), MethodPolicy.of(ADMIN).group("group"));
        put(table, ConsumerGroupServiceGrpc.getResetGroupMethod(), MethodPolicy.of(ADMIN).group("group"));
        put(table, ConsumerGroupServiceGrpc.getRemoveConsumerMethod(), MethodPolicy.of(ADMIN).group("group"));
        put(table, ConsumerGroupServiceGrpc.getDeleteGroupMethod(), MethodPolicy.of(ADMIN).group("group"));
        put(table, ConsumerGroupServiceGrpc.getReplayParkedMethod(), MethodPolicy.of(ADMIN).group("group"));

        // probes and grpcurl's discovery work without a token
        for (ServiceDescriptor open : List.of(HealthGrpc.getServiceDescriptor(), ServerReflectionGrpc.getServiceDescriptor(),
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.getServiceDescriptor())) {
            open.getMethods().forEach(method -> put(table, method, MethodPolicy.open()));
        }
        return new MethodPolicies(table);
    }

    /** Empty for a method the table does not know: such a call is refused. */
    Optional<MethodPolicy> of(String fullMethodName) {
        return Optional.ofNullable(byMethod.get(fullMethodName));
    }

    private static void put(Map<String, MethodPolicy> table, MethodDescriptor<?, ?> method, MethodPolicy policy) {
        if (table.put(method.getFullMethodName(), policy) != null) {
            throw new IllegalStateException(method.getFullMethodName() + " appears twice in the method table");
        }
    }
}
