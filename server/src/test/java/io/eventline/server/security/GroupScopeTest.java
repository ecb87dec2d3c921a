package io.eventline.server.security;

import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.proto.v1.RemoveConsumerRequest;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.proto.v1.ResetGroupRequest;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscriptionStart;
import io.eventline.proto.v1.UpdateGroupRequest;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.SubscriptionProbe;
import io.eventline.server.testing.TestRedis;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer group's target decides who may see, use and manage it; group names are confined to a
 * token's prefixes like stream names. Every refusal leaves the groups as they were and names
 * nothing the token may not see.
 */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class GroupScopeTest {
    @Test
    void aTeamSeesAndTouchesOnlyItsOwnGroups(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            var admin = tenants.groups("admin-token");
            admin.createGroup(CreateGroupRequest.newBuilder().setGroup("payment-billing").setStream("payment-1").build());
            admin.createGroup(CreateGroupRequest.newBuilder().setGroup("order-billing").setStream("order-1").build());
            // inside the orders team's names, but reading a payments stream: hidden from the orders team
            admin.createGroup(CreateGroupRequest.newBuilder().setGroup("order-spy").setStream("payment-1").build());
            admin.createGroup(CreateGroupRequest.newBuilder().setGroup("audit").setAll(AllTarget.getDefaultInstance()).build());
            List<String> before = tenants.groupNames("admin-token");

            assertEquals(List.of("order-billing"), tenants.groupNames("orders-token"));
            assertEquals(List.of("payment-billing"), tenants.groupNames("payments-token"));

            var orders = tenants.groups("orders-token");
            var ordersAdmin = tenants.groups("orders-admin-token");
            for (String foreign : List.of("payment-billing", "order-spy", "audit")) {
                refusedWithoutNaming("payment-1", () -> orders.describeGroup(DescribeGroupRequest.newBuilder().setGroup(foreign).build()));
                refusedWithoutNaming("payment-1", () -> ordersAdmin.deleteGroup(DeleteGroupRequest.newBuilder().setGroup(foreign).build()));
                refusedWithoutNaming("payment-1", () -> ordersAdmin.updateGroup(UpdateGroupRequest.newBuilder().setGroup(foreign).build()));
                refusedWithoutNaming("payment-1", () -> ordersAdmin.resetGroup(ResetGroupRequest.newBuilder().setGroup(foreign)
                        .setStart(SubscriptionStart.newBuilder().setEnd(com.google.protobuf.Empty.getDefaultInstance())).build()));
                refusedWithoutNaming("payment-1", () -> ordersAdmin.removeConsumer(RemoveConsumerRequest.newBuilder().setGroup(foreign)
                        .setConsumer("worker-1").build()));
                refusedWithoutNaming("payment-1", () -> ordersAdmin.replayParked(ReplayParkedRequest.newBuilder().setGroup(foreign).build()));
            }
            // subscribing to a hidden group under its own name: refused, and the error does not say what it reads
            refusedWithoutNaming("payment-1", () -> tenants.events("orders-token").subscribe(SubscribeRequest.newBuilder()
                    .setStream("order-1").setGroup("order-spy").build()).next());
            // taking another team's group name is refused before any lookup
            refusedWithoutNaming("payment-1", () -> ordersAdmin.createGroup(CreateGroupRequest.newBuilder().setGroup("payment-billing")
                    .setStream("order-1").build()));
            // a scoped admin cannot point a group of its own name at another team's streams
            assertStatus(Status.Code.PERMISSION_DENIED, () -> ordersAdmin.createGroup(CreateGroupRequest.newBuilder().setGroup("order-new")
                    .setStream("payment-1").build()));
            assertStatus(Status.Code.PERMISSION_DENIED, () -> ordersAdmin.createGroup(CreateGroupRequest.newBuilder().setGroup("order-new")
                    .setAll(AllTarget.newBuilder().addStreamPrefixes("payment-")).build()));

            assertEquals(before, tenants.groupNames("admin-token"));
            assertEquals("payment-1", tenants.describe("order-spy").getGroup().getStream());
        }
    }

    @Test
    void onlyAdminsCreateGroupsAndAReadTokenFindsNoneToCreate(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            tenants.events("writer-token").appendEvents(append("order-1", any(), event("OrderPlaced")));
            assertStatus(Status.Code.NOT_FOUND, () -> tenants.events("orders-token").subscribe(SubscribeRequest.newBuilder()
                    .setStream("order-1").setGroup("order-new").build()).next());
            assertStatus(Status.Code.NOT_FOUND, () -> tenants.events("reader-token").subscribe(SubscribeRequest.newBuilder()
                    .setStream("order-1").setGroup("anything").build()).next());
            assertStatus(Status.Code.PERMISSION_DENIED, () -> tenants.groups("orders-token").createGroup(CreateGroupRequest.newBuilder()
                    .setGroup("order-new").setStream("order-1").build()));
            assertEquals(List.of(), tenants.groupNames("admin-token"));

            // a scoped admin creates groups inside its scope, by CreateGroup or by subscribing
            tenants.groups("orders-admin-token").createGroup(CreateGroupRequest.newBuilder().setGroup("order-new").setStream("order-1").build());
            SubscriptionProbe created = SubscriptionProbe.open(tenants.asyncEvents("orders-admin-token"), SubscribeRequest.newBuilder()
                    .setStream("order-1").setGroup("order-first-use").build());
            assertEquals(1, created.awaitDeliveries(1).size());
            created.cancel();
            assertEquals(List.of("order-first-use", "order-new"), tenants.groupNames("admin-token"));
        }
    }

    @Test
    void aScopedAllGroupDeliversOnlyTheTeamsStreams(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            tenants.groups("orders-admin-token").createGroup(CreateGroupRequest.newBuilder().setGroup("order-all")
                    .setAll(AllTarget.getDefaultInstance()).build());
            GroupInfo info = tenants.describe("order-all").getGroup();
            assertEquals("$all", info.getStream());
            assertEquals(List.of("order-"), info.getStreamPrefixesList());

            var writer = tenants.events("writer-token");
            writer.appendEvents(append("payment-1", any(), event("PaymentTaken")));
            writer.appendEvents(append("orders", any(), event("NotATeamStream")));
            writer.appendEvents(append("order-2", any(), event("OrderPlaced")));

            SubscriptionProbe group = SubscriptionProbe.open(tenants.asyncEvents("orders-token"), SubscribeRequest.newBuilder()
                    .setAll(AllTarget.getDefaultInstance()).setGroup("order-all").build());
            assertEquals("order-2", group.awaitDeliveries(1).get(0).getEvent().getStream());
            group.expectNoDelivery(Duration.ofMillis(500));
            group.cancel();

            SubscriptionProbe catchUp = SubscriptionProbe.open(tenants.asyncEvents("orders-token"), SubscribeRequest.newBuilder()
                    .setAll(AllTarget.getDefaultInstance()).build());
            assertEquals("order-2", catchUp.awaitDeliveries(1).get(0).getEvent().getStream());
            catchUp.expectNoDelivery(Duration.ofMillis(500));
            catchUp.cancel();
        }
    }

    @Test
    void groupFiltersAreCheckedLikeStreamNames(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            var admin = tenants.groups("admin-token");
            for (AllTarget bad : List.of(AllTarget.newBuilder().addCategories("").build(), AllTarget.newBuilder().addCategories("order\nx").build(),
                    AllTarget.newBuilder().addEventTypes("A\u0000").build(), AllTarget.newBuilder().addStreamPrefixes("x".repeat(300)).build())) {
                assertStatus(Status.Code.INVALID_ARGUMENT, () -> admin.createGroup(CreateGroupRequest.newBuilder().setGroup("bad").setAll(bad).build()));
            }
            assertEquals(List.of(), tenants.groupNames("admin-token"));
            assertTrue(admin.listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList().isEmpty());
        }
    }

    private static void refusedWithoutNaming(String hidden, Executable call) {
        StatusRuntimeException refused = assertStatus(Status.Code.PERMISSION_DENIED, call);
        String description = String.valueOf(refused.getStatus().getDescription());
        assertFalse(description.contains(hidden), () -> "the refusal names '" + hidden + "': " + description);
    }
}
