package io.eventline.server.security;

import io.eventline.server.testing.BearerToken;
import io.eventline.server.testing.RawGrpcCall;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The interceptor alone, in front of methods of its own: what is not in the table is refused, and the scheme's case does not matter. */
class AuthInterceptorTest {
    private static final MethodDescriptor<byte[], byte[]> UNLISTED = method("eventline.v1.EventStoreService/NotYetWritten");
    private static final MethodDescriptor<byte[], byte[]> LIST_GROUPS = method("eventline.v1.ConsumerGroupService/ListGroups");

    private final AtomicInteger handled = new AtomicInteger();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        TokenStore tokens = TokenStore.parse(List.of("admin admin-token admin"), "test tokens");
        String name = InProcessServerBuilder.generateName();
        AuthInterceptor interceptor = new AuthInterceptor(() -> tokens);
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(service(UNLISTED), interceptor))
                .addService(ServerInterceptors.intercept(service(LIST_GROUPS), interceptor))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aMethodOutsideTheTableIsRefusedEvenForAnAdmin() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, UNLISTED, CallOptions.DEFAULT.withCallCredentials(BearerToken.of("admin-token")), new byte[0]));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
        assertEquals(0, handled.get());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        for (String scheme : List.of("Bearer", "bearer", "BEARER")) {
            ClientCalls.blockingUnaryCall(channel, LIST_GROUPS, CallOptions.DEFAULT.withCallCredentials(BearerToken.withScheme(scheme, "admin-token")),
                    new byte[0]);
        }
        assertEquals(3, handled.get());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(channel, LIST_GROUPS,
                CallOptions.DEFAULT.withCallCredentials(BearerToken.withScheme("Basic", "admin-token")), new byte[0]));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
    }

    private void answer(byte[] request, io.grpc.stub.StreamObserver<byte[]> response) {
        handled.incrementAndGet();
        response.onNext(request);
        response.onCompleted();
    }

    private ServerServiceDefinition service(MethodDescriptor<byte[], byte[]> method) {
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall(this::answer))
                .build();
    }

    private static MethodDescriptor<byte[], byte[]> method(String fullName) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullName)
                .setRequestMarshaller(RawGrpcCall.BYTES).setResponseMarshaller(RawGrpcCall.BYTES).build();
    }
}
