package io.eventline.client.internal;

import io.eventline.client.RecordedEvent;
import io.eventline.client.subscribe.GroupDelivery;
import io.eventline.client.subscribe.GroupEventHandler;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.eventline.client.serialization.UndecodableEventException;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** A consumer of a group on one Subscribe call kept open by a {@link SubscriptionLoop}; acks through an {@link AckBatcher}. */
final class GrpcGroupSubscription implements GroupSubscription {
    private static final Logger log = LoggerFactory.getLogger(GrpcGroupSubscription.class);
    /** How long a reconnect, or the close, waits for the batched acks to be confirmed. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(5);
    /** Room for the confirmation and heartbeats beside the deliveries. */
    private static final int CONTROL_MESSAGES = 8;

    private final GroupSubscriptionSettings settings;
    private final String consumer;
    private final GroupEventHandler handler;
    private final DeliverySettler settler;
    private final AckBatcher acks;
    private final SubscriptionLoop loop;

    GrpcGroupSubscription(GroupSubscriptionSettings settings, GroupEventHandler handler, SubscribeCalls calls, DeliverySettler settler) {
        this.settings = requireNonNull(settings, "settings is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.settler = requireNonNull(settler, "settler is null");
        this.consumer = settings.consumer().orElseGet(() -> "consumer-" + UUID.randomUUID().toString().substring(0, 8));
        this.acks = new AckBatcher(settler, Math.max(1, Math.min(settings.ackBatchSize(), settings.maxInFlight() / 2)), settings.ackMaxDelay());
        this.loop = new SubscriptionLoop(settings.group() + "/" + consumer, new Protocol(), calls, settings.reconnectBackoff(),
                settings.ackMaxDelay(), settings.maxInFlight() + CONTROL_MESSAGES);
    }

    void start() {
        loop.start();
    }

    @Override
    public String group() {
        return settings.group();
    }

    @Override
    public String consumer() {
        return consumer;
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
            SubscribeRequest.Builder request = SubscribeRequest.newBuilder()
                    .setGroup(settings.group())
                    .setConsumer(consumer)
                    .setStart(settings.start().toProto())
                    .setMaxInFlight(settings.maxInFlight())
                    .setMaxBatchSize(settings.maxBatchSize());
            settings.target().streamName().ifPresentOrElse(request::setStream, () -> request.setAll(settings.target().toAllTarget()));
            return request.build();
        }

        @Override
        public void received(SubscribeResponse response) {
            if (response.getKindCase() == SubscribeResponse.KindCase.CONFIRMATION) {
                log.debug("Subscribed to group {} as {}", response.getConfirmation().getGroup(), response.getConfirmation().getConsumer());
            }
            else if (response.getKindCase() == SubscribeResponse.KindCase.DELIVERY) {
                handle(response.getDelivery());
            }
            else if (response.getKindCase() == SubscribeResponse.KindCase.DELIVERY_BATCH) {
                response.getDeliveryBatch().getDeliveriesList().forEach(GrpcGroupSubscription.this::handle);
            }
        }

        @Override
        public void idle() {
            acks.flush();
        }

        @Override
        public boolean beforeReconnect() {
            // acks first: otherwise the server hands the just-handled deliveries back as pending
            return acks.settle(SETTLE_WAIT);
        }

        @Override
        public void closing() {
            if (!acks.settle(SETTLE_WAIT)) {
                log.warn("Closing {}/{} with acks the server did not confirm; those deliveries come back after the ack timeout", settings.group(), consumer);
            }
        }
    }

    private void handle(Delivery delivery) {
        String ackId = delivery.getAckId();
        if (acks.awaitingConfirmation(ackId)) {
            // handled before the connection was lost; only the ack did not make it
            acks.add(ackId);
            return;
        }
        RecordedEvent event = ProtoEvents.recordedEvent(delivery.getEvent());
        GroupDelivery groupDelivery = new GroupDelivery(event, delivery.getDeliveryCount());
        try {
            handler.handle(groupDelivery);
        }
        catch (UndecodableEventException e) {
            settleUndecodable(ackId, e);
            return;
        }
        catch (Exception e) {
            Duration delay = settings.retryBackoff().delay(delivery.getDeliveryCount());
            log.warn("Handler of group {} failed on {} (delivery {}); retrying in {} ms", settings.group(), event, delivery.getDeliveryCount(), delay.toMillis(), e);
            settler.retry(ackId, delay, e.toString());
            return;
        }
        Optional<String> parkReason = groupDelivery.parkReason();
        if (parkReason.isPresent()) {
            settler.park(ackId, parkReason.get());
            return;
        }
        ack(ackId);
    }

    /** Decoding fails the same way on every delivery, so the policy decides instead of a retry. */
    private void settleUndecodable(String ackId, UndecodableEventException e) {
        switch (settings.undecodableEvents()) {
            case STOP -> throw e;
            case SKIP -> {
                log.warn("Group {} skips (acks) a delivery it cannot decode: {}", settings.group(), e.getMessage(), e);
                ack(ackId);
            }
            case PARK -> {
                log.warn("Group {} parks a delivery it cannot decode: {}", settings.group(), e.getMessage());
                settler.park(ackId, e.getMessage());
            }
        }
    }

    private void ack(String ackId) {
        acks.add(ackId);
        if (acks.isDue()) {
            acks.flush();
        }
    }
}
