package io.eventline.server;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.noStream;
import static io.eventline.server.testing.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as Main wires it with Guice, on a real port: what a user starts from the README. */
@ExtendWith(RedisExtension.class)
class ServerBootTest {
    @Test
    void servesAppendReadHealthAndReflectionOnAConfiguredRedis(TestRedis redis) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--grpc.port=0", "--grpc.host=127.0.0.1", "--metrics.port=0", "--store.namespace=" + redis.newNamespace()));
        args.addAll(redis.serverFlags());
        EventlineServer server = Main.create(args, Map.of());
        server.start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            assertServes(channel);
            assertEquals(List.of("eventline.v1.ConsumerGroupService", "eventline.v1.ErrorDetailTypes", "eventline.v1.EventStoreService",
                    "eventline.v1.StreamService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"),
                    reflectedServices(channel));
        }
        finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }

    @Test
    void startsItsOwnRedisWhenNoneIsConfigured(@TempDir Path dataDirectory) throws Exception {
        EventlineServer server = Main.create(
                List.of("--grpc.port=0", "--grpc.host=127.0.0.1", "--metrics.port=0", "--redis.embedded.data-dir=" + dataDirectory),
                Map.of("PATH", System.getenv().getOrDefault("PATH", "")));
        server.start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            assertServes(channel);
        }
        finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
        assertTrue(dataDirectory.toFile().list().length > 0, "the embedded Redis keeps its AOF in the data directory");
    }

    private static void assertServes(ManagedChannel channel) {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
        var events = EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        assertEquals(2, events.appendEvents(append("boot-1", noStream(), event("Started"), event("Checked"))).getLastVersion());
        assertEquals(2, drain(events.readStream(read("boot-1").build())).size());
        assertEquals(2, StreamServiceGrpc.newBlockingStub(channel).getStreamInfo(
                io.eventline.proto.v1.GetStreamInfoRequest.newBuilder().setStream("boot-1").build()).getVersion());
    }

    private static List<String> reflectedServices(ManagedChannel channel) throws Exception {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
                services.complete(response.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).sorted().toList());
            }

            @Override
            public void onError(Throwable error) {
                services.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return services.get(30, TimeUnit.SECONDS);
    }
}
