package io.eventline.server.operations;

import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.testing.RunningServer;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.noStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With redis.wait-replicas, an append is acknowledged only once that many replicas have it. */
@Timeout(120)
class ReplicationWaitTest {
    @Test
    void appendsWaitForTheReplicaAndFailWithoutOne(@TempDir Path primaryData, @TempDir Path replicaData) throws Exception {
        Path binary = new RedisBinaryLocator(false, "").locate();
        try (EmbeddedRedis primary = EmbeddedRedis.start(binary, primaryData, 0, "everysec", 0);
             RunningServer server = RunningServer.start(primary.uri(), "wait", "--redis.wait-replicas=1", "--redis.wait-timeout=300ms")) {
            var events = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
            AppendEventsRequest unreplicated = append("order-1", noStream(), event("OrderPlaced"));
            assertStatus(Status.Code.UNAVAILABLE, () -> events.appendEvents(unreplicated));

            try (EmbeddedRedis replica = EmbeddedRedis.startReplica(binary, replicaData, primary.port())) {
                awaitReplicaOnline(events, replica);
                var retried = events.appendEvents(unreplicated);
                assertTrue(retried.getDeduplicated(), "the refused append was written; its retry is answered from it");
                assertEquals(2, events.appendEvents(append("order-1", io.eventline.server.testing.Fixtures.exact(1), event("OrderPaid"))).getLastVersion());
            }
        }
    }

    /** The replica needs a moment to sync; appends fail with UNAVAILABLE until it does. */
    private static void awaitReplicaOnline(EventStoreServiceGrpc.EventStoreServiceBlockingStub events, EmbeddedRedis replica) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                events.appendEvents(append("probe-" + System.nanoTime(), noStream(), event("Probe")));
                return;
            }
            catch (io.grpc.StatusRuntimeException e) {
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
                Thread.sleep(200);
            }
        }
        throw new AssertionError("replica on port " + replica.port() + " never confirmed a write");
    }
}
