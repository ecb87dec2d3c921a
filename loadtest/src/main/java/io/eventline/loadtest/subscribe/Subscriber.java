package io.eventline.loadtest.subscribe;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.AckResponse;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc.EventStoreServiceStub;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * One Subscribe call, as a consumer would run it: counts deliveries and, on a group subscription,
 * acknowledges them in batches of {@code ackBatch} (one Ack call per batch, plus {@link #flushAcks}
 * for a partial batch). Acks are what free the server's {@code max_in_flight} room.
 */
public final class Subscriber implements ClientResponseObserver<SubscribeRequest, SubscribeResponse> {
    private final Channel channel;
    private final SubscribeRequest request;
    private final int ackBatch;
    private final SubscriberCounts counts;
    private final DeliveryListener listener;
    private final CompletableFuture<Void> confirmed = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final List<String> unacked = new ArrayList<>();
    /** Completes when every Ack sent so far is answered; fails with the first Ack error. */
    private CompletableFuture<Void> acksAnswered = CompletableFuture.completedFuture(null);
    private ClientCallStreamObserver<SubscribeRequest> call;

    public Subscriber(Channel channel, SubscribeRequest request, int ackBatch, SubscriberCounts counts, DeliveryListener listener) {
        this.channel = requireNonNull(channel, "channel is null");
        this.request = requireNonNull(request, "request is null");
        this.counts = requireNonNull(counts, "counts is null");
        this.listener = requireNonNull(listener, "listener is null");
        if (ackBatch < 1) {
            throw new IllegalArgumentException("ackBatch must be at least 1");
        }
        this.ackBatch = ackBatch;
    }

    /** Starts the call; the returned future completes when the server confirms the subscription. */
    public CompletableFuture<Void> open() {
        return open(EventStoreServiceGrpc.newStub(channel));
    }

    /** Starts the call with a deadline, after which it fails with DEADLINE_EXCEEDED. */
    public CompletableFuture<Void> open(Duration deadline) {
        return open(EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
    }

    private CompletableFuture<Void> open(EventStoreServiceStub stub) {
        stub.subscribe(request, this);
        return confirmed;
    }

    /** Completes when the call ends: normally when the server ends it, exceptionally with the call's error otherwise. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * Acknowledges what has been delivered and not yet acked. The returned future completes when
     * every Ack this subscriber has sent so far is answered, and fails with the first Ack error.
     */
    public CompletableFuture<Void> flushAcks() {
        List<String> batch;
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> allAnswered;
        synchronized (this) {
            if (unacked.isEmpty()) {
                return acksAnswered;
            }
            batch = List.copyOf(unacked);
            unacked.clear();
            acksAnswered = acksAnswered.thenCombine(answered, (earlier, latest) -> null);
            allAnswered = acksAnswered;
        }
        EventStoreServiceGrpc.newStub(channel).ack(AckRequest.newBuilder().setGroup(request.getGroup()).addAllAckIds(batch).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(AckResponse response) {
                        counts.countAcked(batch.size());
                    }

                    @Override
                    public void onError(Throwable error) {
                        // not counted as acked: the server redelivers after the ack timeout
                        answered.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        answered.complete(null);
                    }
                });
        return allAnswered;
    }

    public synchronized void cancel() {
        if (call != null) {
            call.cancel("load test done", null);
        }
    }

    @Override
    public synchronized void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
        this.call = requestStream;
    }

    @Override
    public void onNext(SubscribeResponse response) {
        switch (response.getKindCase()) {
            case CONFIRMATION -> confirmed.complete(null);
            case DELIVERY -> delivered(response.getDelivery(), System.nanoTime());
            case DELIVERY_BATCH -> {
                long receivedNanos = System.nanoTime();
                for (Delivery delivery : response.getDeliveryBatch().getDeliveriesList()) {
                    delivered(delivery, receivedNanos);
                }
            }
            default -> {
                // caught-up markers and heartbeats carry nothing to count
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        confirmed.completeExceptionally(error);
        ended.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
        confirmed.completeExceptionally(new IllegalStateException("the server ended subscription " + request + " before confirming it"));
        ended.complete(null);
    }

    /**
     * The listener hears of a delivery after it is counted and queued for its Ack, and before a full
     * batch is acked: a listener that ends the call then cancels it before an Ack invites more deliveries.
     */
    private void delivered(Delivery delivery, long receivedNanos) {
        counts.countDelivery();
        boolean full = false;
        if (!request.getGroup().isEmpty()) {
            synchronized (this) {
                unacked.add(delivery.getAckId());
                full = unacked.size() >= ackBatch;
            }
        }
        listener.delivered(delivery, receivedNanos);
        if (full) {
            flushAcks();
        }
    }
}
