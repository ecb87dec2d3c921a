package io.eventline.server.grpc;

import io.eventline.server.store.InvalidArgumentException;

import static java.util.Objects.requireNonNull;

/**
 * What a Subscribe call's {@code max_batch_size} may ask for: 0 or 1 (one delivery per response, as
 * before batches existed) up to {@link #MAX_BATCH_SIZE}; a batch holds at most {@code maxBatchBytes}
 * (the store's event size limit), so it is never larger than the largest single delivery.
 */
public final class DeliveryBatching {
    /** The most deliveries one {@code delivery_batch} carries; a request above it is INVALID_ARGUMENT. */
    public static final int MAX_BATCH_SIZE = 1000;

    private final ProtoMapper mapper;
    private final long maxBatchBytes;

    public DeliveryBatching(ProtoMapper mapper, long maxBatchBytes) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive");
        }
        this.maxBatchBytes = maxBatchBytes;
    }

    /** The responses of a call that asked for {@code maxBatchSize} (the request's raw uint32); refuses one above the cap. */
    DeliveryResponses forRequest(int maxBatchSize) {
        if (maxBatchSize < 0 || maxBatchSize > MAX_BATCH_SIZE) {
            throw new InvalidArgumentException("max_batch_size", "must be between 0 and " + MAX_BATCH_SIZE + ", not "
                    + Integer.toUnsignedString(maxBatchSize));
        }
        return new DeliveryResponses(mapper, Math.max(1, maxBatchSize), maxBatchBytes);
    }
}
