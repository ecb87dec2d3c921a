package io.eventline.server.operations;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What grpcurl, Evans, Postman and load balancers discover: both reflection versions, the error detail types, health per service. */
@ExtendWith(RedisExtension.class)
@Timeout(60)
class DiscoveryTest {
    @Test
    void reflectionListsTheServicesInBothVersionsAndResolvesErrorDetails(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis)) {
            ManagedChannel channel = server.channel();
            ServerReflectionResponse listed = reflect(channel, ServerReflectionRequest.newBuilder().setListServices("").build());
            List<String> services = listed.getListServicesResponse().getServiceList().stream().map(service -> service.getName()).toList();
            assertTrue(services.containsAll(List.of("eventline.v1.EventStoreService", "eventline.v1.StreamService",
                    "eventline.v1.ConsumerGroupService", "grpc.health.v1.Health")), services.toString());

            ServerReflectionResponse errorInfo = reflect(channel, ServerReflectionRequest.newBuilder().setFileContainingSymbol("google.rpc.ErrorInfo").build());
            assertTrue(errorInfo.hasFileDescriptorResponse(), errorInfo.toString());
            assertTrue(errorInfo.getFileDescriptorResponse().getFileDescriptorProtoCount() > 0);

            List<String> alphaServices = alphaListServices(channel);
            assertTrue(alphaServices.contains("eventline.v1.EventStoreService"), alphaServices.toString());
        }
    }

    @Test
    void healthAnswersForTheServerAndForEachService(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis)) {
            var health = HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
            for (String service : List.of("", EventStoreServiceGrpc.SERVICE_NAME, "eventline.v1.StreamService", "eventline.v1.ConsumerGroupService")) {
                assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(), service);
            }
        }
    }

    private static ServerReflectionResponse reflect(ManagedChannel channel, ServerReflectionRequest request) throws Exception {
        return firstAnswer(ServerReflectionGrpc.newStub(channel)::serverReflectionInfo, request);
    }

    @SuppressWarnings("deprecation") // the v1alpha messages are what older tools send
    private static List<String> alphaListServices(ManagedChannel channel) throws Exception {
        var request = io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("").build();
        return firstAnswer(io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)::serverReflectionInfo, request)
                .getListServicesResponse().getServiceList().stream().map(service -> service.getName()).toList();
    }

    /** Sends one request on a bidirectional reflection call and takes the first answer. */
    private static <Q, R> R firstAnswer(Function<StreamObserver<R>, StreamObserver<Q>> open, Q request) throws Exception {
        CompletableFuture<R> answer = new CompletableFuture<>();
        StreamObserver<Q> requests = open.apply(new StreamObserver<>() {
            @Override
            public void onNext(R response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(10, TimeUnit.SECONDS);
    }
}
