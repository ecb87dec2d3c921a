package io.eventline.loadtest.template;

import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.ReadStreamRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    private static final MethodNames APPEND = new MethodNames("eventline.v1.EventStoreService.AppendEvents", "AppendEvents",
            "EventStoreService", "AppendEventsRequest", "AppendEventsResponse", false, false);
    private static final Instant AT = Instant.parse("2026-12-04T21:30:15.123456789Z");
    private static final UUID CALL_UUID = UUID.fromString("3974e7b3-5946-4df5-bed3-8c3dc9a0be19");

    private final Random random = new Random(42);

    private static CallData call(long requestNumber) {
        return new CallData(requestNumber, "g3c1", AT, CALL_UUID, APPEND);
    }

    @Test
    void rendersTheRequestNumber() {
        RequestTemplate template = RequestTemplate.parse("{\"stream\":\"order-{{.RequestNumber}}\"}");
        assertEquals("{\"stream\":\"order-0\"}", template.render(call(0), random));
        assertEquals("{\"stream\":\"order-1234\"}", template.render(call(1234), random));
        assertFalse(template.isConstant());
    }

    @Test
    void rendersEveryFieldOfGhzCallData() {
        RequestTemplate template = RequestTemplate.parse("{{.WorkerID}}|{{.UUID}}|{{.Timestamp}}|{{.TimestampUnix}}|{{.TimestampUnixMilli}}|"
                + "{{.TimestampUnixNano}}|{{.FullyQualifiedName}}|{{.MethodName}}|{{.ServiceName}}|{{.InputName}}|{{.OutputName}}|"
                + "{{.IsClientStreaming}}|{{.IsServerStreaming}}|{{ .RequestNumber }}");
        assertEquals("g3c1|3974e7b3-5946-4df5-bed3-8c3dc9a0be19|2026-12-04T21:30:15Z|" + AT.getEpochSecond() + "|" + AT.toEpochMilli() + "|"
                + (AT.getEpochSecond() * 1_000_000_000L + 123_456_789) + "|eventline.v1.EventStoreService.AppendEvents|AppendEvents|"
                + "EventStoreService|AppendEventsRequest|AppendEventsResponse|false|false|9", template.render(call(9), random));
        assertTrue(RequestTemplate.parse("{{.MethodName}}/{{.ServiceName}}").isConstant(), "names are the same for every request");
    }

    @Test
    void theCallUuidIsTheSameWithinACallAndNewUuidIsNewAtEachUse() {
        RequestTemplate template = RequestTemplate.parse("{{.UUID}} {{.UUID}} {{newUUID}} {{newUUID}}");
        String[] parts = template.render(call(0), random).split(" ");
        assertEquals(parts[0], parts[1]);
        assertNotEquals(parts[2], parts[3]);
        assertEquals(4, UUID.fromString(parts[2]).version());
        assertEquals(2, UUID.fromString(parts[2]).variant());
    }

    @Test
    void randomStringHasItsLengthOrTwoToSixteenForZeroOrLess() {
        RequestTemplate eight = RequestTemplate.parse("{{randomString 8 }}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String rendered = eight.render(call(i), random);
            assertTrue(rendered.matches("[A-Za-z0-9]{8}"), rendered);
            seen.add(rendered);
        }
        assertTrue(seen.size() > 90, "random: " + seen.size());
        Set<Integer> lengths = new HashSet<>();
        for (String expression : new String[] {"{{randomString 0}}", "{{randomString -1}}"}) {
            RequestTemplate anyLength = RequestTemplate.parse(expression);
            for (int i = 0; i < 500; i++) {
                String rendered = anyLength.render(call(i), random);
                assertTrue(rendered.matches("[A-Za-z0-9]{2,16}"), rendered);
                lengths.add(rendered.length());
            }
        }
        assertEquals(15, lengths.size(), "every length from 2 to 16: " + lengths);
        assertFalse(eight.isConstant());
    }

    @Test
    void randomIntIsInItsHalfOpenRange() {
        RequestTemplate template = RequestTemplate.parse("{{randomInt 3 7}}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(template.render(call(i), random));
        }
        assertEquals(Set.of("3", "4", "5", "6"), seen);
        assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{randomInt 5 5}}"));
        assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{randomInt -2 5}}"));
    }

    @Test
    void picksStreamsFromTheKeyspace() {
        RequestTemplate template = RequestTemplate.parse("{{ randomStream \"order-\" 5 }}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(template.render(call(i), random));
        }
        assertEquals(Set.of("order-0", "order-1", "order-2", "order-3", "order-4"), seen);
    }

    @Test
    void rendersPayloadsAsBase64OfTheirSize() {
        RequestTemplate template = RequestTemplate.parse("{{payload 200}}|{{payload 0}}|{{payload 1}}");
        String[] parts = template.render(call(0), random).split("\\|", -1);
        assertEquals(200, Base64.getDecoder().decode(parts[0]).length);
        assertEquals(0, Base64.getDecoder().decode(parts[1]).length);
        assertEquals(1, Base64.getDecoder().decode(parts[2]).length);
        assertTrue(template.isConstant());
    }

    @Test
    void keepsTextWithoutActions() {
        RequestTemplate template = RequestTemplate.parse("{\"stream\":\"$all\",\"max_count\":10}");
        assertEquals("{\"stream\":\"$all\",\"max_count\":10}", template.render(call(7), random));
        assertTrue(template.isConstant());
    }

    @Test
    void refusesUnknownActions() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{sprigUpper \"a\"}}"));
        assertTrue(refused.getMessage().contains("unknown template action {{sprigUpper \"a\"}}"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{.NoSuchField}}"));
        assertThrows(IllegalArgumentException.class, () -> RequestTemplate.parse("{{randomStream \"x\" 0}}"));
    }

    @Test
    void buildsAnAppendRequestThroughProtobufJson() {
        RequestFactory factory = new RequestFactory(AppendEventsRequest::newBuilder, RequestTemplate.parse(
                "{\"stream\":\"{{randomStream \"order-\" 3}}\",\"expected_version\":{\"any\":{}},"
                        + "\"events\":[{\"event_id\":\"{{newUUID}}\",\"type\":\"OrderPlaced\",\"data\":\"{{payload 200}}\"}]}"), call(0));
        AppendEventsRequest request = (AppendEventsRequest) factory.request(call(0));
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
        RequestFactory factory = new RequestFactory(ReadStreamRequest::newBuilder,
                RequestTemplate.parse("{\"stream\":\"$all\",\"direction\":\"READ_DIRECTION_BACKWARD\",\"max_count\":100}"), call(0));
        ReadStreamRequest request = (ReadStreamRequest) factory.request(call(0));
        assertEquals("$all", request.getStream());
        assertEquals(100, request.getMaxCount());
        assertEquals(io.eventline.proto.v1.ReadDirection.READ_DIRECTION_BACKWARD, request.getDirection());
        assertSame(request, factory.request(call(1)));
    }

    @Test
    void explainsARequestThatIsNotTheCallsMessage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new RequestFactory(
                AppendEventsRequest::newBuilder, RequestTemplate.parse("{\"strem\":\"x\"}"), call(0)));
        assertTrue(refused.getMessage().contains("eventline.v1.AppendEventsRequest"), refused.getMessage());
    }
}
