package io.eventline.client.internal;

import io.eventline.client.RecordedEvent;
import io.eventline.client.subscribe.CatchUpEventHandler;
import io.eventline.client.subscribe.CatchUpSubscription;
import io.eventline.client.subscribe.CatchUpSubscriptionSettings;
import io.eventline.client.subscribe.Checkpoint;
import io.eventline.client.subscribe.SubscriptionStart;
import io.eventline.client.subscribe.UndecodableEventPolicy;
import io.eventline.client.serialization.UndecodableEventException;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/** A catch-up subscription on one Subscribe call kept open by a {@link SubscriptionLoop}. */
final class GrpcCatchUpSubscription implements CatchUpSubscription {
    private static final Logger log = LoggerFactory.getLogger(GrpcCatchUpSubscription.class);
    /** Messages, not events: with batches each may carry up to maxBatchSize events, but no more bytes than the largest single event. */
    private static final int PREFETCH = 128;
    private static final Duration IDLE_INTERVAL = Duration.ofMillis(500);

    private final CatchUpSubscriptionSettings settings;
    private final CatchUpEventHandler handler;
    private final SubscriptionLoop loop;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile Checkpoint checkpoint;
    private Checkpoint reported;
    private int sinceReported;
    private String skipPosition = "";

    GrpcCatchUpSubscription(CatchUpSubscriptionSettings settings, CatchUpEventHandler handler, SubscribeCalls calls) {
        this.settings = requireNonNull(settings, "settings is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.checkpoint = settings.resumeAfter().orElse(null);
        this.reported = checkpoint;
        this.loop = new SubscriptionLoop("catch-up " + settings.target(), new Protocol(), calls, settings.reconnectBackoff(), IDLE_INTERVAL, PREFETCH);
    }

    void start() {
        loop.start();
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.anyOf(caughtUp, loop.termination()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            // not caught up in time, or the subscription failed (termination() says why)
            return false;
        }
        return caughtUp.isDone();
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public CompletableFuture<Void> termination() {
        return loop.termination();
    }

    @Override
    public void close() {
        loop.close();
    }

    private final class Protocol implements SubscriptionProtocol {
        @Override
        public SubscribeRequest request() {
            SubscribeRequest.Builder request = SubscribeRequest.newBuilder().setMaxBatchSize(settings.maxBatchSize());
            settings.target().streamName().ifPresentOrElse(request::setStream, () -> request.setAll(settings.target().toAllTarget()));
            Checkpoint last = checkpoint;
            if (last == null) {
                return request.setStart(settings.start().toProto()).build();
            }
            if (settings.target().streamName().isPresent()) {
                return request.setStart(SubscriptionStart.version(last.version() + 1).toProto()).build();
            }
            // positions are opaque and a start position is inclusive: begin at the last one and drop it
            skipPosition = last.position();
            return request.setStart(SubscriptionStart.position(last.position()).toProto()).build();
        }

        @Override
        public void received(SubscribeResponse response) throws Exception {
            switch (response.getKindCase()) {
                case DELIVERY -> handle(ProtoEvents.recordedEvent(response.getDelivery().getEvent()));
                case DELIVERY_BATCH -> {
                    for (Delivery delivery : response.getDeliveryBatch().getDeliveriesList()) {
                        handle(ProtoEvents.recordedEvent(delivery.getEvent()));
                    }
                }
                case CAUGHT_UP -> {
                    report();
                    caughtUp.complete(null);
                }
                default -> {
                    // confirmation and heartbeats carry nothing to handle
                }
            }
        }

        @Override
        public void idle() {
            report();
        }

        @Override
        public boolean beforeReconnect() {
            return true;
        }

        @Override
        public void closing() {
            report();
        }
    }

    private void handle(RecordedEvent event) throws Exception {
        if (!skipPosition.isEmpty()) {
            boolean repeated = event.position().equals(skipPosition);
            skipPosition = "";
            if (repeated) {
                return;
            }
        }
        try {
            handler.handle(event);
        }
        catch (UndecodableEventException e) {
            if (settings.undecodableEvents() == UndecodableEventPolicy.STOP) {
                throw e;
            }
            log.warn("Catch-up subscription to {} skips an event it cannot decode: {}", settings.target(), e.getMessage(), e);
        }
        checkpoint = Checkpoint.of(event);
        if (++sinceReported >= settings.checkpointEvery()) {
            report();
        }
    }

    private void report() {
        Checkpoint last = checkpoint;
        if (last == null || last.equals(reported)) {
            return;
        }
        try {
            settings.checkpointListener().checkpointReached(last);
            reported = last;
            sinceReported = 0;
        }
        catch (Exception e) {
            // the next report tries again; the subscription itself is fine
            log.warn("Could not store checkpoint {} of the catch-up subscription to {}: {}", last, settings.target(), e.toString());
        }
    }
}
