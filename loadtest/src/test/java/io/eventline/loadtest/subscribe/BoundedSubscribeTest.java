package io.eventline.loadtest.subscribe;

import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.grpc.StreamCallEnder;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.AckResponse;
import io.eventline.proto.v1.Confirmation;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One bounded Subscribe call against a hand-written in-process server that records what the client did. */
@Timeout(30)
class BoundedSubscribeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final SubscribeRequest CATCH_UP = SubscribeRequest.newBuilder().setStream("s").build();
    private static final SubscribeRequest GROUP = SubscribeRequest.newBuilder().setStream("s").setGroup("g").build();

    private final FakeEventStore store = new FakeEventStore();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(store).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        timer.shutdownNow();
    }

    private Outcome run(SubscribeRequest request, StreamCallEnd end) throws Exception {
        return new BoundedSubscribe(channel, request, new StreamCallEnder(end, timer)).start(DEADLINE).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aCatchUpCallEndsAtItsCountAsASuccessWithoutAcks() throws Exception {
        store.deliveries = 10;
        Outcome outcome = run(CATCH_UP, new StreamCallEnd(10, Duration.ZERO));
        assertEquals(Outcome.ok(10), outcome);
        assertTrue(store.cancelled.await(5, TimeUnit.SECONDS), "the client cancels the call");
        assertEquals(List.of(), store.ackCalls());
    }

    @Test
    void aGroupCallAcksEveryDeliveryInBatchesBeforeItsOutcome() throws Exception {
        store.deliveries = 250;
        Outcome outcome = run(GROUP, new StreamCallEnd(250, Duration.ZERO));
        assertEquals(Outcome.ok(250), outcome);
        assertTrue(store.cancelled.await(5, TimeUnit.SECONDS), "the client cancels the call");
        // the outcome waits for the Acks to be answered, so the server has them all by now
        assertEquals(FakeEventStore.ackIds(250), store.ackedIds());
        assertTrue(store.ackCalls().stream().allMatch(call -> call.getGroup().equals("g")));
        assertTrue(store.ackCalls().stream().allMatch(call -> call.getAckIdsCount() <= BoundedSubscribe.ACK_BATCH), store.ackCalls().toString());
    }

    @Test
    void aCallThatReceivesNothingEndsByItsDurationAsASuccess() throws Exception {
        store.deliveries = 0;
        Outcome outcome = run(GROUP, new StreamCallEnd(5, Duration.ofMillis(50)));
        assertEquals(Outcome.ok(0), outcome);
        assertTrue(store.cancelled.await(5, TimeUnit.SECONDS), "the client cancels the call");
    }

    @Test
    void aFailedAckFailsTheCall() throws Exception {
        store.deliveries = 3;
        store.ackFailure = Status.NOT_FOUND.withDescription("no such group");
        Outcome outcome = run(GROUP, new StreamCallEnd(3, Duration.ZERO));
        assertEquals("NotFound", outcome.status());
        assertEquals("Ack: rpc error: code = NotFound desc = no such group", outcome.error());
        assertTrue(store.cancelled.await(5, TimeUnit.SECONDS), "the call is cancelled all the same");
    }

    @Test
    void aCallTheServerFailsReportsItsStatusAndStillAcksWhatItReceived() throws Exception {
        store.deliveries = 3;
        store.subscribeFailure = Status.UNAVAILABLE.withDescription("shutting down");
        Outcome outcome = run(GROUP, new StreamCallEnd(10, Duration.ZERO));
        assertEquals("Unavailable", outcome.status());
        assertEquals("rpc error: code = Unavailable desc = shutting down", outcome.error());
        assertEquals(FakeEventStore.ackIds(3), store.ackedIds());
    }

    /** Sends a confirmation and {@code deliveries} deliveries, then keeps the call open (or fails it); records Acks and the cancel. */
    private static final class FakeEventStore extends EventStoreServiceGrpc.EventStoreServiceImplBase {
        volatile int deliveries;
        volatile Status subscribeFailure;
        volatile Status ackFailure;
        final CountDownLatch cancelled = new CountDownLatch(1);
        private final List<AckRequest> ackCalls = new ArrayList<>();

        static List<String> ackIds(int count) {
            return IntStream.range(0, count).mapToObj(i -> "ack-" + i).toList();
        }

        synchronized List<AckRequest> ackCalls() {
            return List.copyOf(ackCalls);
        }

        synchronized List<String> ackedIds() {
            return ackCalls.stream().flatMap(call -> call.getAckIdsList().stream()).sorted((a, b) ->
                    Integer.compare(Integer.parseInt(a.substring(4)), Integer.parseInt(b.substring(4)))).toList();
        }

        @Override
        public void subscribe(SubscribeRequest request, StreamObserver<SubscribeResponse> responses) {
            ServerCallStreamObserver<SubscribeResponse> call = (ServerCallStreamObserver<SubscribeResponse>) responses;
            call.setOnCancelHandler(cancelled::countDown);
            call.onNext(SubscribeResponse.newBuilder().setConfirmation(Confirmation.newBuilder().setGroup(request.getGroup())).build());
            for (int i = 0; i < deliveries; i++) {
                String ackId = request.getGroup().isEmpty() ? "" : "ack-" + i;
                call.onNext(SubscribeResponse.newBuilder().setDelivery(Delivery.newBuilder().setAckId(ackId).setDeliveryCount(1)).build());
            }
            if (subscribeFailure != null) {
                call.onError(subscribeFailure.asRuntimeException());
            }
        }

        @Override
        public void ack(AckRequest request, StreamObserver<AckResponse> response) {
            synchronized (this) {
                ackCalls.add(request);
            }
            if (ackFailure != null) {
                response.onError(ackFailure.asRuntimeException());
                return;
            }
            response.onNext(AckResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
