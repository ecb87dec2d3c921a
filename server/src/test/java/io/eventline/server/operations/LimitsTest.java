package io.eventline.server.operations;

import com.google.protobuf.ByteString;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.Context;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transport-level limits refuse with their documented statuses (the per-append limits are in AppendValidationTest). */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class LimitsTest {
    @Test
    void subscriptionsPerConnectionInFlightAndMessageSize(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis, "--limits.max-subscriptions-per-connection=2",
                "--subscriptions.max-in-flight=50", "--subscriptions.default-max-in-flight=10", "--grpc.max-inbound-message-bytes=4096")) {
            var stub = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(15, TimeUnit.SECONDS);

            Context.CancellableContext subscriptions = Context.current().withCancellation();
            try {
                Iterator<SubscribeResponse> first = subscriptions.call(() -> stub.subscribe(SubscribeRequest.newBuilder().setStream("limit-1").build()));
                Iterator<SubscribeResponse> second = subscriptions.call(() -> stub.subscribe(SubscribeRequest.newBuilder().setStream("limit-2").build()));
                assertTrue(first.next().hasConfirmation());
                assertTrue(second.next().hasConfirmation());
                assertStatus(Status.Code.RESOURCE_EXHAUSTED, () -> stub.subscribe(SubscribeRequest.newBuilder().setStream("limit-3").build()).next());
            }
            finally {
                subscriptions.cancel(null);
            }

            assertTrue(freedSlotIsReused(stub), "a cancelled subscription frees its slot on the connection");

            // A second connection has its own slots.
            var otherConnection = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(15, TimeUnit.SECONDS);
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> otherConnection.subscribe(SubscribeRequest.newBuilder()
                    .setStream("limit-4").setGroup("g").setMaxInFlight(51).build()).next());
            assertStatus(Status.Code.RESOURCE_EXHAUSTED, () -> otherConnection.appendEvents(append("limit-5", any(),
                    event("Big").toBuilder().setData(ByteString.copyFrom(new byte[8192])).build())));
        }
    }

    /** The server sees a cancel asynchronously, so the freed slot is retried for a bounded time. */
    private static boolean freedSlotIsReused(EventStoreServiceGrpc.EventStoreServiceBlockingStub stub) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Context.CancellableContext attempt = Context.current().withCancellation();
            try {
                if (attempt.call(() -> stub.subscribe(SubscribeRequest.newBuilder().setStream("limit-reuse").build()).next()).hasConfirmation()) {
                    return true;
                }
            }
            catch (io.grpc.StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.RESOURCE_EXHAUSTED) {
                    throw e;
                }
                Thread.sleep(50);
            }
            finally {
                attempt.cancel(null);
            }
        }
        return false;
    }
}
