package io.eventline.server.operations;

import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.server.testing.BearerToken;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bearer tokens with roles and stream scopes; refused calls write nothing. */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class AuthTest {
    @Test
    void rolesAndScopesDecideWhatATokenMayDo(TestRedis redis, @TempDir Path directory) throws Exception {
        Path tokens = directory.resolve("tokens");
        Files.writeString(tokens, """
                # name token roles [stream prefixes]
                reporting read-token read
                ingest write-token write
                orders orders-token read,write order-
                operator admin-token admin
                """);
        try (RunningServer server = RunningServer.start(redis, "--security.token-file=" + tokens)) {
            var channel = server.channel();
            var anonymous = EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS);
            var reader = anonymous.withCallCredentials(bearer("read-token"));
            var writer = anonymous.withCallCredentials(bearer("write-token"));
            var orders = anonymous.withCallCredentials(bearer("orders-token"));
            var admin = anonymous.withCallCredentials(bearer("admin-token"));

            assertStatus(Status.Code.UNAUTHENTICATED, () -> anonymous.appendEvents(append("order-1", any(), event("A"))));
            assertStatus(Status.Code.UNAUTHENTICATED, () -> anonymous.withCallCredentials(bearer("wrong")).appendEvents(append("order-1", any(), event("A"))));
            assertStatus(Status.Code.PERMISSION_DENIED, () -> reader.appendEvents(append("order-1", any(), event("A"))));
            assertStatus(Status.Code.NOT_FOUND, () -> drain(admin.readStream(read("order-1").build())));

            assertEquals(1, writer.appendEvents(append("order-1", any(), event("A"))).getLastVersion());
            assertStatus(Status.Code.PERMISSION_DENIED, () -> drain(writer.readStream(read("order-1").build())));
            assertEquals(1, drain(reader.readStream(read("order-1").build())).size());

            assertEquals(2, orders.appendEvents(append("order-1", any(), event("B"))).getLastVersion());
            assertStatus(Status.Code.PERMISSION_DENIED, () -> orders.appendEvents(append("invoice-1", any(), event("A"))));
            assertStatus(Status.Code.PERMISSION_DENIED, () -> drain(orders.readStream(read("$all").build())));
            assertStatus(Status.Code.PERMISSION_DENIED, () -> orders.subscribe(SubscribeRequest.newBuilder()
                    .setAll(AllTarget.getDefaultInstance()).setGroup("spy").build()).next());
            assertStatus(Status.Code.NOT_FOUND, () -> drain(admin.readStream(read("invoice-1").build())));

            var groups = ConsumerGroupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS);
            assertStatus(Status.Code.PERMISSION_DENIED, () -> groups.withCallCredentials(bearer("write-token"))
                    .createGroup(CreateGroupRequest.newBuilder().setGroup("billing").setStream("order-1").build()));
            groups.withCallCredentials(bearer("admin-token")).createGroup(CreateGroupRequest.newBuilder().setGroup("billing").setStream("order-1").build());

            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());
        }
    }

    private static CallCredentials bearer(String token) {
        return BearerToken.of(token);
    }
}
