package io.eventline.server.security;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.SubscriptionProbe;
import io.eventline.server.testing.TestRedis;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ack ids are sealed: made-up ids, ids of another group, tampered ids and ids of the old readable
 * format are refused with INVALID_ARGUMENT before anything is settled, whoever sends them.
 */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class ForgedAckIdTest {
    private static final String BILLING = "payment-billing";
    private static final String AUDIT = "payment-audit";

    @Test
    void forgedAndForeignAckIdsSettleNothing(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            Deliveries deliveries = twoPendingDeliveries(tenants);
            var payments = tenants.events("payments-token");
            String billingId = deliveries.billing().get(0).getAckId();
            String auditId = deliveries.audit().get(0).getAckId();

            // the pre-upgrade readable format, naming the entry outright
            String oldFormat = Base64.getUrlEncoder().withoutPadding().encodeToString("s|0|0-1|1|payment-1".getBytes(StandardCharsets.UTF_8));
            StatusRuntimeException refused = assertStatus(Status.Code.INVALID_ARGUMENT,
                    () -> payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(oldFormat).build()));
            assertFalse(refused.getStatus().getDescription().contains(oldFormat), "the error echoes the id");
            // a real id of another group on the same stream
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(auditId).build()));
            // a real id with one character changed
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(tamper(billingId)).build()));
            // a valid id beside a forged one: the whole call is refused, the valid one stays pending
            assertStatus(Status.Code.INVALID_ARGUMENT,
                    () -> payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(billingId).addAckIds(auditId).build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> payments.nack(NackRequest.newBuilder().setGroup(BILLING).addAckIds(auditId)
                    .setAction(NackAction.NACK_ACTION_SKIP).build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> payments.nack(NackRequest.newBuilder().setGroup(BILLING).addAckIds(oldFormat)
                    .setAction(NackAction.NACK_ACTION_PARK).build()));
            // another team's token cannot even name the group
            assertStatus(Status.Code.PERMISSION_DENIED,
                    () -> tenants.events("orders-token").ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(billingId).build()));

            assertEquals(2, tenants.describe(BILLING).getPending());
            assertEquals(0, tenants.describe(BILLING).getParked());
            assertEquals(2, tenants.describe(AUDIT).getPending());

            // the owner's own ids settle, and settling one twice is not an error
            payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(billingId).build());
            payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(billingId).build());
            assertEquals(1, tenants.describe(BILLING).getPending());
            assertEquals(2, tenants.describe(AUDIT).getPending());
        }
    }

    @Test
    void parkingRecordsWhatRedisStoresAndReplayDeliversTheSameEvent(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            Deliveries deliveries = twoPendingDeliveries(tenants);
            var payments = tenants.events("payments-token");
            Delivery parked = deliveries.billing().get(1);
            payments.nack(NackRequest.newBuilder().setGroup(BILLING).addAckIds(parked.getAckId()).setAction(NackAction.NACK_ACTION_PARK).build());
            assertEquals(1, tenants.describe(BILLING).getParked());
            deliveries.billingProbe().cancel();

            tenants.groups("admin-token").replayParked(ReplayParkedRequest.newBuilder().setGroup(BILLING).build());
            SubscriptionProbe again = SubscriptionProbe.open(tenants.asyncEvents("payments-token"), subscribe(BILLING, "worker-2"));
            // the other delivery stays pending for worker-1 until the ack timeout: only the replayed one comes
            Delivery replayed = again.awaitDeliveries(1).get(0);
            assertEquals(parked.getEvent().getStream(), replayed.getEvent().getStream());
            assertEquals(parked.getEvent().getVersion(), replayed.getEvent().getVersion());
            assertEquals(parked.getEvent().getEventId(), replayed.getEvent().getEventId());
            assertEquals(0, tenants.describe(BILLING).getParked());
            again.cancel();
        }
    }

    @Test
    void oneCallCarriesAtMostAThousandIdsAndLongIdsAreNotEchoed(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            Deliveries deliveries = twoPendingDeliveries(tenants);
            var payments = tenants.events("payments-token");
            List<String> tooMany = new ArrayList<>(Collections.nCopies(1000, deliveries.billing().get(0).getAckId()));
            tooMany.add(deliveries.billing().get(1).getAckId());
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAllAckIds(tooMany).build()));
            assertEquals(2, tenants.describe(BILLING).getPending());

            String huge = "A".repeat(40_000);
            StatusRuntimeException refused = assertStatus(Status.Code.INVALID_ARGUMENT,
                    () -> payments.ack(AckRequest.newBuilder().setGroup(BILLING).addAckIds(huge).build()));
            assertTrue(refused.getStatus().getDescription().length() < 400, refused.getStatus().getDescription());
            assertEquals(2, tenants.describe(BILLING).getPending());
        }
    }

    private record Deliveries(SubscriptionProbe billingProbe, List<Delivery> billing, List<Delivery> audit) {
    }

    /** Two events of payment-1, each pending in two groups of the payments team, delivered to the payments read token. */
    private static Deliveries twoPendingDeliveries(TenantFixture tenants) {
        tenants.events("writer-token").appendEvents(append("payment-1", any(), event("PaymentTaken"), event("PaymentRefunded")));
        var admin = tenants.groups("admin-token");
        admin.createGroup(CreateGroupRequest.newBuilder().setGroup(BILLING).setStream("payment-1").build());
        admin.createGroup(CreateGroupRequest.newBuilder().setGroup(AUDIT).setStream("payment-1").build());
        SubscriptionProbe billing = SubscriptionProbe.open(tenants.asyncEvents("payments-token"), subscribe(BILLING, "worker-1"));
        SubscriptionProbe audit = SubscriptionProbe.open(tenants.asyncEvents("payments-token"), subscribe(AUDIT, "worker-1"));
        return new Deliveries(billing, billing.awaitDeliveries(2), audit.awaitDeliveries(2));
    }

    private static SubscribeRequest subscribe(String group, String consumer) {
        return SubscribeRequest.newBuilder().setStream("payment-1").setGroup(group).setConsumer(consumer).build();
    }

    /** Changes a character inside the MAC (the last one may carry bits the decoder drops). */
    private static String tamper(String ackId) {
        int at = ackId.length() - 5;
        char changed = ackId.charAt(at) == 'A' ? 'B' : 'A';
        return ackId.substring(0, at) + changed + ackId.substring(at + 1);
    }
}
