package io.eventline.server.grpc;

import io.eventline.proto.v1.CaughtUp;
import io.eventline.proto.v1.Confirmation;
import io.eventline.proto.v1.Heartbeat;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.Caller;
import io.eventline.server.store.subscribe.Delivery;
import io.eventline.server.store.subscribe.SubscribeRequest;
import io.eventline.server.store.subscribe.Subscription;
import io.eventline.server.store.subscribe.SubscriptionManager;
import io.eventline.server.store.subscribe.SubscriptionSink;
import io.grpc.stub.ServerCallStreamObserver;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import static java.util.Objects.requireNonNull;

/**
 * One Subscribe call: the subscription's sink. It hands responses to gRPC only while the call is
 * ready and queues the rest here, where they are counted (the {@code eventline.subscriptions.buffered.bytes}
 * gauge) instead of piling up unseen in the transport. It reports itself ready only with nothing
 * queued, so a subscription adds at most one read's deliveries to the queue; it drains the queue
 * and wakes the subscription when the client can take more, and closes it when the client cancels
 * or its deadline passes. Deliveries ready together go out as its {@link DeliveryResponses} make them:
 * one response each, or batches when the client asked for them; a batch is queued and counted in
 * bytes like the deliveries it carries.
 */
final class SubscribeCall implements SubscriptionSink {
    private final ServerCallStreamObserver<SubscribeResponse> observer;
    private final ProtoMapper mapper;
    private final DeliveryResponses deliveryResponses;
    private final StatusMapper statusMapper;
    private final EventlineMetrics metrics;
    private final Queue<SubscribeResponse> queued = new ArrayDeque<>();
    private volatile Subscription subscription;
    private volatile boolean cancelled;
    /** Guarded by this, as are the queue and every call on the observer. */
    private long queuedBytes;

    SubscribeCall(ServerCallStreamObserver<SubscribeResponse> observer, ProtoMapper mapper, DeliveryResponses deliveryResponses,
            StatusMapper statusMapper, EventlineMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.deliveryResponses = requireNonNull(deliveryResponses, "deliveryResponses is null");
        this.statusMapper = requireNonNull(statusMapper, "statusMapper is null");
    }

    void start(SubscriptionManager subscriptions, SubscribeRequest request, Caller caller) {
        observer.setOnCancelHandler(() -> {
            synchronized (this) {
                cancelled = true;
                dropQueued();
            }
            Subscription open = subscription;
            if (open != null) {
                open.close();
            }
        });
        observer.setOnReadyHandler(() -> {
            Subscription open = subscription;
            if (drain() && open != null) {
                open.clientReady();
            }
        });
        subscriptions.open(request, this, caller).whenComplete((opened, error) -> {
            if (error != null) {
                failed(error);
                return;
            }
            subscription = opened;
            if (cancelled) {
                opened.close();
            }
            else {
                // the call may have become ready before the subscription was known here
                opened.wake();
            }
        });
    }

    @Override
    public synchronized boolean isReady() {
        return !cancelled && queued.isEmpty() && observer.isReady();
    }

    @Override
    public void confirmed(String group, String consumer, String subscriptionId) {
        send(SubscribeResponse.newBuilder().setConfirmation(Confirmation.newBuilder()
                .setGroup(group).setConsumer(consumer).setSubscriptionId(subscriptionId)).build());
    }

    @Override
    public void deliver(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            metrics.delivered(delivery.ackId().isPresent(), delivery.deliveryCount());
        }
        for (SubscribeResponse response : deliveryResponses.responses(deliveries)) {
            send(response);
        }
    }

    @Override
    public void caughtUp() {
        send(SubscribeResponse.newBuilder().setCaughtUp(CaughtUp.getDefaultInstance()).build());
    }

    @Override
    public void heartbeat(Instant now) {
        send(SubscribeResponse.newBuilder().setHeartbeat(Heartbeat.newBuilder().setTime(mapper.toTimestamp(now))).build());
    }

    @Override
    public synchronized void failed(Throwable error) {
        if (!cancelled) {
            cancelled = true;
            dropQueued();
            observer.onError(statusMapper.toStatus(error));
        }
    }

    private synchronized void send(SubscribeResponse response) {
        if (cancelled) {
            return;
        }
        if (queued.isEmpty() && observer.isReady()) {
            observer.onNext(response);
            return;
        }
        int bytes = response.getSerializedSize();
        queued.add(response);
        queuedBytes += bytes;
        metrics.buffered(bytes);
    }

    /** Writes queued responses while the call is ready; true when none is left. */
    private synchronized boolean drain() {
        while (!cancelled && !queued.isEmpty() && observer.isReady()) {
            SubscribeResponse response = queued.remove();
            release(response.getSerializedSize());
            observer.onNext(response);
        }
        return !cancelled && queued.isEmpty();
    }

    private void dropQueued() {
        queued.clear();
        release(queuedBytes);
    }

    private void release(long bytes) {
        queuedBytes -= bytes;
        metrics.buffered(-bytes);
    }
}
