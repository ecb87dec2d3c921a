package io.eventline.client.internal;

import com.google.protobuf.Duration;
import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Settles a group's deliveries: Ack for handled ones, Nack to retry or park. A nack that cannot be
 * sent is only logged: the delivery stays pending and comes back after the ack timeout anyway.
 */
final class DeliverySettler implements AckSender {
    private static final Logger log = LoggerFactory.getLogger(DeliverySettler.class);
    private static final int MAX_REASON_LENGTH = 1000;

    private final UnaryCaller caller;
    private final String group;

    DeliverySettler(UnaryCaller caller, String group) {
        this.caller = requireNonNull(caller, "caller is null");
        this.group = requireNonNull(group, "group is null");
    }

    @Override
    public CompletableFuture<?> ack(List<String> ackIds) {
        AckRequest request = AckRequest.newBuilder().setGroup(group).addAllAckIds(ackIds).build();
        return caller.call(EventStoreServiceGrpc.getAckMethod(), request, Idempotence.IDEMPOTENT);
    }

    void retry(String ackId, java.time.Duration delay, String reason) {
        nack(ackId, NackAction.NACK_ACTION_RETRY, delay, reason);
    }

    void park(String ackId, String reason) {
        nack(ackId, NackAction.NACK_ACTION_PARK, java.time.Duration.ZERO, reason);
    }

    private void nack(String ackId, NackAction action, java.time.Duration delay, String reason) {
        NackRequest request = NackRequest.newBuilder()
                .setGroup(group)
                .addAckIds(ackId)
                .setAction(action)
                .setRetryDelay(Duration.newBuilder().setSeconds(delay.getSeconds()).setNanos(delay.getNano()))
                .setReason(reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason)
                .build();
        caller.call(EventStoreServiceGrpc.getNackMethod(), request, Idempotence.IDEMPOTENT).whenComplete((ignored, error) -> {
            if (error != null) {
                log.warn("Could not nack a delivery of group {} ({}); it comes back after the ack timeout: {}", group, action, error.toString());
            }
        });
    }
}
