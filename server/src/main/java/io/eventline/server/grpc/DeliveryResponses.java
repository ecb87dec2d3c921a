package io.eventline.server.grpc;

import com.google.protobuf.CodedOutputStream;
import io.eventline.proto.v1.DeliveryBatch;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.store.subscribe.Delivery;
import io.eventline.server.store.subscribe.SealedAckId;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Turns the deliveries a subscription has ready at once into one Subscribe call's responses: each
 * as its own {@code delivery} when the client did not ask for batches, else {@code delivery_batch}
 * responses of at most {@code maxBatchSize} deliveries and {@code maxBatchBytes} serialized bytes (a
 * delivery larger than that alone, and a lone delivery, still go as {@code delivery}). It batches
 * only what it is given together: it never holds a delivery back to fill a batch.
 */
final class DeliveryResponses {
    /** The protobuf field number of {@code DeliveryBatch.deliveries}, for sizing a batch as it fills. */
    private static final int DELIVERIES_FIELD = DeliveryBatch.DELIVERIES_FIELD_NUMBER;

    private final ProtoMapper mapper;
    private final int maxBatchSize;
    private final long maxBatchBytes;

    DeliveryResponses(ProtoMapper mapper, int maxBatchSize, long maxBatchBytes) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        if (maxBatchSize < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchSize and maxBatchBytes must be positive");
        }
        this.maxBatchSize = maxBatchSize;
        this.maxBatchBytes = maxBatchBytes;
    }

    /** The responses for {@code deliveries}, in their order. */
    List<SubscribeResponse> responses(List<Delivery> deliveries) {
        List<SubscribeResponse> responses = new ArrayList<>();
        List<io.eventline.proto.v1.Delivery> batch = new ArrayList<>();
        long batchBytes = 0;
        for (Delivery delivery : deliveries) {
            io.eventline.proto.v1.Delivery message = toProto(delivery);
            int bytes = CodedOutputStream.computeMessageSize(DELIVERIES_FIELD, message);
            if (!batch.isEmpty() && (batch.size() >= maxBatchSize || batchBytes + bytes > maxBatchBytes)) {
                responses.add(response(batch));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(message);
            batchBytes += bytes;
        }
        if (!batch.isEmpty()) {
            responses.add(response(batch));
        }
        return responses;
    }

    private static SubscribeResponse response(List<io.eventline.proto.v1.Delivery> batch) {
        if (batch.size() == 1) {
            return SubscribeResponse.newBuilder().setDelivery(batch.get(0)).build();
        }
        return SubscribeResponse.newBuilder().setDeliveryBatch(DeliveryBatch.newBuilder().addAllDeliveries(batch)).build();
    }

    private io.eventline.proto.v1.Delivery toProto(Delivery delivery) {
        return io.eventline.proto.v1.Delivery.newBuilder()
                .setEvent(mapper.toProto(delivery.event()))
                .setAckId(delivery.ackId().map(SealedAckId::token).orElse(""))
                .setDeliveryCount(delivery.deliveryCount())
                .build();
    }
}
