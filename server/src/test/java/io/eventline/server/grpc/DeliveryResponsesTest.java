package io.eventline.server.grpc;

import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.subscribe.Delivery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How deliveries ready together become a Subscribe call's responses: singles unless asked, batches bounded in count and bytes. */
class DeliveryResponsesTest {
    private static final long NO_BYTE_LIMIT = Long.MAX_VALUE;
    private final ProtoMapper mapper = new ProtoMapper();

    @Test
    void withoutBatchesEveryDeliveryIsItsOwnResponse() {
        List<SubscribeResponse> responses = new DeliveryResponses(mapper, 1, NO_BYTE_LIMIT).responses(deliveries(5, 16));

        assertEquals(5, responses.size());
        responses.forEach(response -> assertEquals(SubscribeResponse.KindCase.DELIVERY, response.getKindCase()));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), versions(responses));
    }

    @Test
    void readyDeliveriesGoInBatchesOfAtMostTheAskedSizeInOrder() {
        List<SubscribeResponse> responses = new DeliveryResponses(mapper, 4, NO_BYTE_LIMIT).responses(deliveries(10, 16));

        // 4 + 4 + 2
        assertEquals(List.of(4, 4, 2), sizes(responses));
        responses.forEach(response -> assertEquals(SubscribeResponse.KindCase.DELIVERY_BATCH, response.getKindCase()));
        assertEquals(IntStream.rangeClosed(1, 10).mapToObj(Long::valueOf).toList(), versions(responses));
    }

    @Test
    void aLoneDeliveryGoesAsADeliveryEvenWhenBatchesAreAsked() {
        List<SubscribeResponse> responses = new DeliveryResponses(mapper, 4, NO_BYTE_LIMIT).responses(deliveries(5, 16));

        assertEquals(List.of(4, 1), sizes(responses));
        assertEquals(SubscribeResponse.KindCase.DELIVERY, responses.get(1).getKindCase());
    }

    @Test
    void aBatchHoldsNoMoreBytesThanTheLimitUnlessOneDeliveryAloneIsLarger() {
        long limit = 3_000;
        List<SubscribeResponse> responses = new DeliveryResponses(mapper, 100, limit).responses(deliveries(10, 1_000));

        for (SubscribeResponse response : responses) {
            if (response.hasDeliveryBatch()) {
                assertTrue(response.getDeliveryBatch().getSerializedSize() <= limit, () -> response.getDeliveryBatch().getSerializedSize() + " bytes");
            }
        }
        assertEquals(10, sizes(responses).stream().mapToInt(Integer::intValue).sum());
        assertTrue(responses.size() > 1, "1 KB events cannot all fit in 3 KB");

        List<SubscribeResponse> oversized = new DeliveryResponses(mapper, 100, 500).responses(deliveries(3, 1_000));
        assertEquals(List.of(1, 1, 1), sizes(oversized));
    }

    @Test
    void aBatchSizeAboveTheCapIsRefusedNamingTheField() {
        DeliveryBatching batching = new DeliveryBatching(mapper, 1024 * 1024);

        InvalidArgumentException refused = assertThrows(InvalidArgumentException.class, () -> batching.forRequest(DeliveryBatching.MAX_BATCH_SIZE + 1));
        assertEquals("max_batch_size", refused.field());
        // a uint32 above 2^31 arrives negative
        assertThrows(InvalidArgumentException.class, () -> batching.forRequest(-1));
        assertEquals(List.of(2), sizes(batching.forRequest(DeliveryBatching.MAX_BATCH_SIZE).responses(deliveries(2, 16))));
        assertEquals(List.of(1, 1), sizes(batching.forRequest(0).responses(deliveries(2, 16))));
    }

    private static List<Delivery> deliveries(int count, int dataBytes) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(version -> new Delivery(new RecordedEvent(StreamName.parse("order-1", "stream"), version,
                        Position.ofEntryId(0, "1-" + version), UUID.randomUUID(), "OrderPlaced", new byte[dataBytes], "application/octet-stream",
                        Map.of()), Optional.empty(), 1))
                .toList();
    }

    private static List<Integer> sizes(List<SubscribeResponse> responses) {
        return responses.stream().map(response -> response.hasDeliveryBatch() ? response.getDeliveryBatch().getDeliveriesCount() : 1).toList();
    }

    private static List<Long> versions(List<SubscribeResponse> responses) {
        return responses.stream()
                .flatMap(response -> response.hasDeliveryBatch() ? response.getDeliveryBatch().getDeliveriesList().stream() : java.util.stream.Stream.of(response.getDelivery()))
                .map(delivery -> delivery.getEvent().getVersion())
                .toList();
    }
}
