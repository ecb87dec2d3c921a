package io.eventline.server.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.GroupSettings;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.proto.v1.LoadSnapshotRequest;
import io.eventline.proto.v1.RemoveConsumerRequest;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.proto.v1.ResetGroupRequest;
import io.eventline.proto.v1.SaveSnapshotRequest;
import io.eventline.proto.v1.SetStreamRetentionRequest;
import io.eventline.proto.v1.StreamRetention;
import io.eventline.proto.v1.SubscriptionStart;
import io.eventline.proto.v1.UpdateGroupRequest;
import io.eventline.server.testing.HarnessTest;
import io.grpc.Status;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.exact;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Admin calls on a stream that was never written (or a group that does not exist) are refused and leave no key in Redis. */
class NeverWrittenStreamTest extends HarnessTest {
    private static final String STREAM = "order-404";

    @Test
    void streamAdminCallsWriteNothing() {
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().setStreamRetention(SetStreamRetentionRequest.newBuilder().setStream(STREAM)
                .setRetention(StreamRetention.newBuilder().setMaxCount(5).setMaxAge(Duration.newBuilder().setSeconds(60))).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().setStreamRetention(SetStreamRetentionRequest.newBuilder().setStream(STREAM).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().getStreamInfo(GetStreamInfoRequest.newBuilder().setStream(STREAM).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream(STREAM).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream(STREAM).setHard(true).build()));
        assertStatus(Status.Code.ABORTED, () -> eventline.streams().deleteStream(
                DeleteStreamRequest.newBuilder().setStream(STREAM).setExpectedVersion(exact(3)).setHard(true).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().saveSnapshot(
                SaveSnapshotRequest.newBuilder().setStream(STREAM).setVersion(1).setData(ByteString.copyFromUtf8("{}")).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().loadSnapshot(LoadSnapshotRequest.newBuilder().setStream(STREAM).build()));

        assertEquals(List.of(), keys());
    }

    @Test
    void groupAdminCallsOnAMissingGroupWriteNothing() {
        String group = "nobody";
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().describeGroup(DescribeGroupRequest.newBuilder().setGroup(group).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().deleteGroup(DeleteGroupRequest.newBuilder().setGroup(group).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().updateGroup(UpdateGroupRequest.newBuilder().setGroup(group)
                .setSettings(GroupSettings.newBuilder().setMaxDeliveries(3)).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().resetGroup(ResetGroupRequest.newBuilder().setGroup(group)
                .setStart(SubscriptionStart.newBuilder().setBeginning(com.google.protobuf.Empty.getDefaultInstance())).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().replayParked(ReplayParkedRequest.newBuilder().setGroup(group).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.groups().removeConsumer(RemoveConsumerRequest.newBuilder().setGroup(group).setConsumer("c").build()));
        eventline.groups().listGroups(ListGroupsRequest.getDefaultInstance());

        assertEquals(List.of(), keys());
    }

    /** Every key of the harness's namespace but the store's own record of its partition count, written at start. */
    private List<String> keys() {
        List<String> found = new ArrayList<>();
        var commands = eventline.redis().commands();
        ScanArgs match = ScanArgs.Builder.matches(eventline.namespace() + ":*").limit(1000);
        KeyScanCursor<byte[]> cursor = commands.scan(match).toCompletableFuture().join();
        while (true) {
            cursor.getKeys().stream().map(key -> new String(key, StandardCharsets.UTF_8))
                    .filter(key -> !key.equals(eventline.namespace() + ":partitions"))
                    .forEach(found::add);
            if (cursor.isFinished()) {
                return found;
            }
            cursor = commands.scan(cursor, match).toCompletableFuture().join();
        }
    }
}
