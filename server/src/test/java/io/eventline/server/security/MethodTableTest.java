package io.eventline.server.security;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.testing.BearerToken;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Walks every RPC of every Eventline service: each is in the method table, and a real server
 * enforces its row for every kind of token, in and out of a token's scope.
 */
@ExtendWith(RedisExtension.class)
@Timeout(300)
class MethodTableTest {
    private static final List<ServiceDescriptor> SERVICES = List.of(EventStoreServiceGrpc.getServiceDescriptor(),
            StreamServiceGrpc.getServiceDescriptor(), ConsumerGroupServiceGrpc.getServiceDescriptor());
    /** The roles docs/operations.md promises, written out here on purpose: changing one must change this test. */
    private static final Map<String, Role> PROMISED = Map.ofEntries(
            Map.entry("AppendEvents", Role.WRITE), Map.entry("ReadStream", Role.READ), Map.entry("Subscribe", Role.READ),
            Map.entry("Ack", Role.READ), Map.entry("Nack", Role.READ),
            Map.entry("GetStreamInfo", Role.READ), Map.entry("LoadSnapshot", Role.READ), Map.entry("SaveSnapshot", Role.WRITE),
            Map.entry("DeleteStream", Role.ADMIN), Map.entry("SetStreamRetention", Role.ADMIN),
            Map.entry("ListGroups", Role.READ), Map.entry("DescribeGroup", Role.READ), Map.entry("CreateGroup", Role.ADMIN),
            Map.entry("UpdateGroup", Role.ADMIN), Map.entry("ResetGroup", Role.ADMIN), Map.entry("RemoveConsumer", Role.ADMIN),
            Map.entry("DeleteGroup", Role.ADMIN), Map.entry("ReplayParked", Role.ADMIN));
    private static final List<String> TOKENS = List.of("reader-token", "writer-token", "admin-token", "orders-token", "orders-admin-token");

    private final MethodPolicies policies = MethodPolicies.eventline();

    @Test
    void everyMethodIsInTheTableWithFieldsItsRequestHas() {
        int methods = 0;
        for (ServiceDescriptor service : SERVICES) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                methods++;
                MethodPolicy policy = policies.of(method.getFullMethodName())
                        .orElseGet(() -> fail(method.getFullMethodName() + " is not in the method table"));
                assertEquals(Optional.ofNullable(PROMISED.get(method.getBareMethodName())), policy.role(), method.getFullMethodName());
                Descriptors.Descriptor request = prototype(method).getDescriptorForType();
                for (Optional<String> field : List.of(policy.streamField(), policy.groupField())) {
                    field.ifPresent(name -> {
                        Descriptors.FieldDescriptor declared = request.findFieldByName(name);
                        assertNotNull(declared, method.getFullMethodName() + " has no field " + name);
                        assertEquals(Descriptors.FieldDescriptor.Type.STRING, declared.getType(), method.getFullMethodName() + "." + name);
                    });
                }
                // a request field naming a stream or group that the table does not declare would go unchecked
                for (String name : List.of("stream", "group")) {
                    if (request.findFieldByName(name) != null) {
                        assertTrue(policy.streamField().equals(Optional.of(name)) || policy.groupField().equals(Optional.of(name)),
                                method.getFullMethodName() + " names a " + name + " the table does not check");
                    }
                }
            }
        }
        assertEquals(PROMISED.size(), methods);
    }

    @Test
    void everyRowIsEnforcedForEveryTokenInAndOutOfScope(TestRedis redis, @TempDir Path directory) throws Exception {
        TokenStore tokens = TokenStore.parse(TenantFixture.TOKENS.getBytes(java.nio.charset.StandardCharsets.UTF_8), "tokens");
        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            ManagedChannel channel = tenants.channel();
            for (ServiceDescriptor service : SERVICES) {
                for (MethodDescriptor<?, ?> method : service.getMethods()) {
                    MethodPolicy policy = policies.of(method.getFullMethodName()).orElseThrow();
                    Status.Code anonymous = call(channel, method, request(method, policy, Scope.IN), Optional.empty());
                    calls++;
                    expect(mismatches, method, "no token", anonymous == Status.Code.UNAUTHENTICATED, anonymous);
                    for (String token : TOKENS) {
                        Principal principal = tokens.find(token).orElseThrow();
                        List<Scope> variants = principal.scoped() ? Scope.variants(policy) : List.of(Scope.IN);
                        for (Scope scope : variants) {
                            Status.Code code = call(channel, method, request(method, policy, scope), Optional.of(token));
                            calls++;
                            boolean denied = code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED;
                            boolean shouldDeny = !principal.may(policy.role().orElseThrow()) || scope != Scope.IN;
                            expect(mismatches, method, token + " " + scope, shouldDeny ? code == Status.Code.PERMISSION_DENIED : !denied, code);
                        }
                    }
                }
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertTrue(calls > 100, "walked " + calls + " calls");
    }

    /** Which of the request's names lie outside the orders team's prefix. */
    private enum Scope {
        IN, STREAM_OUT, GROUP_OUT;

        static List<Scope> variants(MethodPolicy policy) {
            List<Scope> variants = new ArrayList<>(List.of(IN));
            policy.streamField().ifPresent(field -> variants.add(STREAM_OUT));
            policy.groupField().ifPresent(field -> variants.add(GROUP_OUT));
            return variants;
        }
    }

    private static Message request(MethodDescriptor<?, ?> method, MethodPolicy policy, Scope scope) {
        Message.Builder request = prototype(method).toBuilder();
        Descriptors.Descriptor type = request.getDescriptorForType();
        policy.streamField().ifPresent(field -> request.setField(type.findFieldByName(field), scope == Scope.STREAM_OUT ? "payment-1" : "order-1"));
        policy.groupField().ifPresent(field -> request.setField(type.findFieldByName(field), scope == Scope.GROUP_OUT ? "payment-g" : "order-g"));
        return request.build();
    }

    @SuppressWarnings("unchecked")
    private static Status.Code call(ManagedChannel channel, MethodDescriptor<?, ?> method, Message request, Optional<String> token) {
        MethodDescriptor<Message, Object> typed = (MethodDescriptor<Message, Object>) method;
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(method.getType() == MethodDescriptor.MethodType.UNARY ? 15_000 : 1_500,
                TimeUnit.MILLISECONDS);
        if (token.isPresent()) {
            options = options.withCallCredentials(BearerToken.of(token.get()));
        }
        try {
            if (method.getType() == MethodDescriptor.MethodType.UNARY) {
                ClientCalls.blockingUnaryCall(channel, typed, options, request);
            }
            else {
                Iterator<Object> responses = ClientCalls.blockingServerStreamingCall(channel, typed, options, request);
                while (responses.hasNext()) {
                    responses.next();
                }
            }
            return Status.Code.OK;
        }
        catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static Message prototype(MethodDescriptor<?, ?> method) {
        return (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype();
    }

    private static void expect(List<String> mismatches, MethodDescriptor<?, ?> method, String who, boolean expected, Status.Code actual) {
        if (!expected) {
            mismatches.add(method.getBareMethodName() + " by " + who + ": " + actual);
        }
    }
}
