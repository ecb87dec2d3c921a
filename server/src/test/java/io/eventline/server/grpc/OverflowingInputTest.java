package io.eventline.server.grpc;

import com.google.protobuf.Duration;
import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.GroupSettings;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import io.eventline.proto.v1.SetStreamRetentionRequest;
import io.eventline.proto.v1.StreamRetention;
import io.eventline.server.testing.HarnessTest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.badField;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numbers beyond what the server can compute with, and ack ids of any length, are INVALID_ARGUMENT naming the field, never INTERNAL. */
class OverflowingInputTest extends HarnessTest {
    private static final Duration LONGEST = Duration.newBuilder().setSeconds(Long.MAX_VALUE).build();

    @Test
    void aRetentionMaxAgeBeyondRangeIsInvalidArgument() {
        eventline.events().appendEvents(append("order-1", any(), event("A")));

        StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT, () -> eventline.streams().setStreamRetention(
                SetStreamRetentionRequest.newBuilder().setStream("order-1").setRetention(StreamRetention.newBuilder().setMaxAge(LONGEST)).build()));

        assertEquals("retention.max_age", badField(error));
    }

    @Test
    void aNackRetryDelayBeyondRangeIsInvalidArgument() {
        StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT, () -> eventline.events().nack(NackRequest.newBuilder()
                .setGroup("g").addAckIds(ackId("s|0|0-1|1|order-1")).setAction(NackAction.NACK_ACTION_RETRY).setRetryDelay(LONGEST).build()));

        assertEquals("retry_delay", badField(error));
    }

    @Test
    void anAckTimeoutBeyondRangeIsInvalidArgument() {
        StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT, () -> eventline.groups().createGroup(CreateGroupRequest.newBuilder()
                .setGroup("g").setStream("order-1").setSettings(GroupSettings.newBuilder().setAckTimeout(LONGEST)).build()));

        assertEquals("settings.ack_timeout", badField(error));
    }

    @Test
    void ackIdsWithOverlongOrNegativeNumbersAreInvalidArgument() {
        eventline.groups().createGroup(CreateGroupRequest.newBuilder().setGroup("g").setStream("order-1").build());

        for (String text : new String[] {"s|0|" + "9".repeat(40) + "-1|1|order-1", "l|0|1-" + "9".repeat(25) + "|1|order-1", "l|-1|1-1|1|order-1"}) {
            StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT,
                    () -> eventline.events().ack(AckRequest.newBuilder().setGroup("g").addAckIds(ackId(text)).build()));
            assertEquals("ack_ids[0]", badField(error));
        }
    }

    @Test
    void aHugeAckIdIsQuotedOnlyInPart() {
        String huge = "x".repeat(100_000);

        StatusRuntimeException error = assertStatus(Status.Code.INVALID_ARGUMENT,
                () -> eventline.events().ack(AckRequest.newBuilder().setGroup("g").addAckIds(huge).build()));

        assertTrue(error.getStatus().getDescription().length() < 400, error.getStatus()::getDescription);
    }

    private static String ackId(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
