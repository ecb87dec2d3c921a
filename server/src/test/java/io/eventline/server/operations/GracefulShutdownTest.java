package io.eventline.server.operations;

import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.Ports;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The server in its own process, stopped with SIGTERM while clients append: every append it
 * acknowledged is stored, and an open subscription ends with UNAVAILABLE so its client reconnects.
 */
@ExtendWith(RedisExtension.class)
@Timeout(180)
class GracefulShutdownTest {
    private static final int WRITERS = 4;

    @Test
    void sigtermDuringLoadLosesNoAcknowledgedAppend(TestRedis redis, @org.junit.jupiter.api.io.TempDir Path logs) throws Exception {
        String namespace = redis.newNamespace();
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"), "io.eventline.server.Main",
                "--grpc.port=" + port, "--grpc.host=127.0.0.1", "--metrics.port=-1", "--store.namespace=" + namespace, "--grpc.shutdown-timeout=10s"));
        command.addAll(redis.serverFlags());
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("server.log").toFile())
                .start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            awaitServing(channel, server, logs);
            var events = EventStoreServiceGrpc.newBlockingStub(channel);
            Iterator<SubscribeResponse> subscription = events.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .subscribe(SubscribeRequest.newBuilder().setStream("shutdown-watch").build());
            assertTrue(subscription.next().hasConfirmation());

            Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Integer>> results = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                String stream = "shutdown-" + writer;
                results.add(writers.submit(() -> appendUntilRefused(events, stream, acknowledged, stop)));
            }
            awaitAcknowledged(acknowledged, 200);
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops within its drain timeout");
            stop.set(true);
            int appendsAcknowledged = 0;
            for (Future<Integer> result : results) {
                appendsAcknowledged += result.get(60, TimeUnit.SECONDS);
            }

            StatusRuntimeException ended = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> {
                while (subscription.hasNext()) {
                    subscription.next();
                }
            });
            assertEquals(Status.Code.UNAVAILABLE, ended.getStatus().getCode(), ended::toString);

            try (EventlineHarness after = EventlineHarness.onNamespace(redis, namespace)) {
                int stored = 0;
                for (Map.Entry<String, Set<String>> stream : acknowledged.entrySet()) {
                    List<RecordedEvent> events1 = drain(after.events().readStream(read(stream.getKey()).build()));
                    Set<String> storedIds = events1.stream().map(RecordedEvent::getEventId).collect(Collectors.toSet());
                    Set<String> lost = new java.util.HashSet<>(stream.getValue());
                    lost.removeAll(storedIds);
                    assertEquals(Set.of(), lost, "acknowledged but not stored in " + stream.getKey());
                    for (int i = 0; i < events1.size(); i++) {
                        assertEquals(i + 1, events1.get(i).getVersion(), "versions stay gap-free");
                    }
                    stored += stream.getValue().size();
                }
                assertTrue(appendsAcknowledged >= 200, "load ran before the shutdown: " + appendsAcknowledged);
                assertEquals(appendsAcknowledged, stored);
            }
        }
        finally {
            writers.shutdownNow();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Appends one event at a time until the server refuses; returns how many it acknowledged. */
    private static int appendUntilRefused(EventStoreServiceGrpc.EventStoreServiceBlockingStub events, String stream,
            Map<String, Set<String>> acknowledged, AtomicBoolean stop) {
        int count = 0;
        while (!stop.get()) {
            AppendEventsRequest request = append(stream, any(), event("Tick"));
            try {
                events.withDeadlineAfter(10, TimeUnit.SECONDS).appendEvents(request);
                acknowledged.computeIfAbsent(stream, key -> ConcurrentHashMap.newKeySet()).add(request.getEvents(0).getEventId());
                count++;
            }
            catch (StatusRuntimeException e) {
                // refused or cut off by the shutdown: not acknowledged, so no promise was made
                return count;
            }
        }
        return count;
    }

    private static void awaitAcknowledged(Map<String, Set<String>> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.values().stream().mapToInt(Set::size).sum() < count) {
            if (System.nanoTime() > deadline) {
                fail("the load did not reach " + count + " acknowledged appends");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitServing(ManagedChannel channel, Process server, Path logs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("the server exited: " + java.nio.file.Files.readString(logs.resolve("server.log")));
            }
            try {
                HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
                return;
            }
            catch (StatusRuntimeException e) {
                Thread.sleep(200);
            }
        }
        fail("the server did not start: " + java.nio.file.Files.readString(logs.resolve("server.log")));
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
