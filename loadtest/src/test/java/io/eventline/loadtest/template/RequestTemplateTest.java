package io.eventline.loadtest.template;

import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.ReadStreamRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTemplateTest {
    private final Random random = new Random(42);

    @Test
    void rendersTheRequestNumber() {
        RequestTemplate template = RequestTemplate.parse("{\"stream\":\"order-{{.RequestNumber}}\"}");
        assertEquals("{\"stream\":\"order-0\"}", template.render(0, random));
        assertEquals("{\"stream\":\"order-1234\"}", template.render(1234, random));
        assertFalse(template.isConstant());
    }

    @Test
    void picksStreamsFromTheKeyspace() {
        RequestTemplate template = RequestTemplate.parse("{{ randomStream \"order-\" 5 }}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(template.render(i, random));
        }
        assertEquals(Set.of("order-0", "order-1", "order-2", "order-3", "order-4"), seen);
    }

    @Test
    void rendersRandomVersion4Uuids() {
        RequestTemplate template = RequestTemplate.parse("{{uuid}}");
        UUID first = UUID.fromString(template.render(0, random));
        UUID second = UUID.fromString(template.render(1, random));
        assertEquals(4, first.version());
        assertEquals(2, first.variant());
        assertNotEquals(first, second);
    }

    @Test
    void rendersPayloadsAsBase64OfTheirSize() {
        RequestTemplate template = RequestTemplate.parse("{{payload 200}}|{{payload 0}}|{{payload 1}}");
        String[] parts = template.render(0, random).split("\\|", -1);
        assertEquals(200, Base64.getDecoder().decode(parts[0]).length);
        assertEquals(0, Base64.getDecoder().decode(parts[1]).length);
        assertEquals(1, Base64.getDecoder().decode(parts[2]).length);
        assertTrue(template.isConstant());
    }

    @Test
    void keepsTextWithoutPlaceholders() {
        RequestTemplate template = RequestTemplate.parse("{\"stream\":\"$all\",\"max_count\":10}");
        assertEquals("{\"stream\":\"$all\",\"max_count\":10}", template.render(7, random));
        assertTrue(template.isConstant());
    }

    @Test
    void refusesUnknownPlaceholders() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{randomInt 1 5}}"));
        assertTrue(refused.getMessage().contains("unknown template placeholder {{randomInt 1 5}}"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{randomStream \"x\" 0}}"));
    }

    @Test
    void buildsAnAppendRequestThroughProtobufJson() {
        RequestFactory factory = new RequestFactory(EventStoreCall.APPEND_EVENTS, RequestTemplate.parse(
                "{\"stream\":\"{{randomStream \"order-\" 3}}\",\"expected_version\":{\"any\":{}},"
                        + "\"events\":[{\"event_id\":\"{{uuid}}\",\"type\":\"OrderPlaced\",\"data\":\"{{payload 200}}\"}]}"));
        AppendEventsRequest request = (AppendEventsRequest) factory.request(0);
        assertTrue(request.getStream().matches("order-[012]"), request.getStream());
        assertTrue(request.getExpectedVersion().hasAny());
        assertEquals(1, request.getEventsCount());
        assertEquals(200, request.getEvents(0).getData().size());
        assertEquals("OrderPlaced", request.getEvents(0).getType());
        assertEquals(4, UUID.fromString(request.getEvents(0).getEventId()).version());
        assertEquals(new String(PayloadBytes.text(200), StandardCharsets.US_ASCII), request.getEvents(0).getData().toStringUtf8());
    }

    @Test
    void buildsAConstantRequestOnce() {
        RequestFactory factory = new RequestFactory(EventStoreCall.READ_STREAM,
                RequestTemplate.parse("{\"stream\":\"$all\",\"direction\":\"READ_DIRECTION_BACKWARD\",\"max_count\":100}"));
        ReadStreamRequest request = (ReadStreamRequest) factory.request(0);
        assertEquals("$all", request.getStream());
        assertEquals(100, request.getMaxCount());
        assertEquals(io.eventline.proto.v1.ReadDirection.READ_DIRECTION_BACKWARD, request.getDirection());
        assertSame(request, factory.request(1));
    }

    @Test
    void explainsARequestThatIsNotTheCallsMessage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new RequestFactory(
                EventStoreCall.APPEND_EVENTS, RequestTemplate.parse("{\"strem\":\"x\"}")));
        assertTrue(refused.getMessage().contains("eventline.v1.AppendEventsRequest"), refused.getMessage());
    }
}
