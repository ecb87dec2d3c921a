package io.eventline.server.faults;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.AckResponse;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * One consumer of a group on the fault streams, as a careful application runs it: records each
 * delivery, acks what it received every {@code ackEvery} in one Ack call, and subscribes again under
 * the same consumer name when its call ends. A failed Ack is sent again with the next batch: it may
 * have settled the deliveries anyway (its reply lost), and acking twice is harmless. A delivery whose
 * Ack never arrives comes back after the group's ack timeout, as the store promises.
 */
final class GroupWorker extends ResubscribingClient {
    static final String CATEGORY = "fault";
    private static final int MAX_IN_FLIGHT = 200;
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(5);

    private final EventStoreServiceGrpc.EventStoreServiceStub acks;
    private final GroupLedger ledger;
    private final String consumer;
    private final Duration ackEvery;
    private final Queue<Delivery> unacked = new ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> flushing;

    GroupWorker(Channel channel, GroupLedger ledger, String consumer, Duration ackEvery, ScheduledExecutorService scheduler) {
        super(channel, scheduler);
        this.acks = EventStoreServiceGrpc.newStub(channel);
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.ackEvery = requireNonNull(ackEvery, "ackEvery is null");
    }

    @Override
    void start() {
        flushing = scheduler.scheduleWithFixedDelay(this::ackReceived, ackEvery.toMillis(), ackEvery.toMillis(), TimeUnit.MILLISECONDS);
        super.start();
    }

    @Override
    protected SubscribeRequest request() {
        return SubscribeRequest.newBuilder()
                .setAll(AllTarget.newBuilder().addCategories(CATEGORY))
                .setGroup(ledger.group())
                .setConsumer(consumer)
                .setMaxInFlight(MAX_IN_FLIGHT)
                .build();
    }

    @Override
    protected void delivered(Delivery delivery) {
        ledger.delivered(delivery.getEvent().getEventId());
        unacked.add(delivery);
    }

    private void ackReceived() {
        List<Delivery> batch = new ArrayList<>();
        for (Delivery next = unacked.poll(); next != null; next = unacked.poll()) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        AckRequest request = AckRequest.newBuilder()
                .setGroup(ledger.group())
                .addAllAckIds(batch.stream().map(Delivery::getAckId).toList())
                .build();
        List<String> eventIds = batch.stream().map(delivery -> delivery.getEvent().getEventId()).toList();
        acks.withDeadlineAfter(ACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).ack(request, new StreamObserver<>() {
            @Override
            public void onNext(AckResponse response) {
                ledger.acked(eventIds);
            }

            @Override
            public void onError(Throwable error) {
                unacked.addAll(batch);
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    @Override
    public void close() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        super.close();
    }
}
