package io.eventline.client.admin;

import io.eventline.client.EventlineException;
import io.eventline.client.internal.Idempotence;
import io.eventline.client.internal.UnaryCaller;
import io.eventline.client.subscribe.SubscriptionStart;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.proto.v1.RemoveConsumerRequest;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.proto.v1.ResetGroupRequest;
import io.eventline.proto.v1.UpdateGroupRequest;
import io.grpc.Status;

import java.util.List;

import static io.eventline.client.internal.Blocking.await;
import static java.util.Objects.requireNonNull;

/** Consumer group management. Blocking calls. */
public final class GroupAdmin {
    private final UnaryCaller caller;

    public GroupAdmin(UnaryCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
    }

    /** Creates a group; an {@link EventlineException} with {@code ALREADY_EXISTS} if the name is taken. */
    public void create(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start) {
        // a retry after a lost reply would say ALREADY_EXISTS: not retried (createIfAbsent is)
        await(caller.call(ConsumerGroupServiceGrpc.getCreateGroupMethod(), createRequest(group, target, settings, start), Idempotence.NOT_IDEMPOTENT));
    }

    /** Creates a group unless one of that name exists; true if this call created it. */
    public boolean createIfAbsent(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start) {
        try {
            await(caller.call(ConsumerGroupServiceGrpc.getCreateGroupMethod(), createRequest(group, target, settings, start), Idempotence.IDEMPOTENT));
            return true;
        }
        catch (EventlineException e) {
            if (e.code() == Status.Code.ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    public void update(String group, GroupSettings settings) {
        await(caller.call(ConsumerGroupServiceGrpc.getUpdateGroupMethod(),
                UpdateGroupRequest.newBuilder().setGroup(group).setSettings(settings.toProto()).build(), Idempotence.IDEMPOTENT));
    }

    /** Moves the group's position to {@code start}; pending deliveries stay pending. */
    public void reset(String group, SubscriptionStart start) {
        await(caller.call(ConsumerGroupServiceGrpc.getResetGroupMethod(),
                ResetGroupRequest.newBuilder().setGroup(group).setStart(start.toProto()).build(), Idempotence.IDEMPOTENT));
    }

    /** Hands the consumer's pending deliveries back to the group at once; returns how many. */
    public long removeConsumer(String group, String consumer) {
        return await(caller.call(ConsumerGroupServiceGrpc.getRemoveConsumerMethod(),
                RemoveConsumerRequest.newBuilder().setGroup(group).setConsumer(consumer).build(), Idempotence.IDEMPOTENT)).getReleased();
    }

    /** Removes the group, its pending deliveries and parked messages. */
    public void delete(String group) {
        await(caller.call(ConsumerGroupServiceGrpc.getDeleteGroupMethod(), DeleteGroupRequest.newBuilder().setGroup(group).build(),
                Idempotence.NOT_IDEMPOTENT));
    }

    public List<GroupInfo> list() {
        return await(caller.call(ConsumerGroupServiceGrpc.getListGroupsMethod(), ListGroupsRequest.getDefaultInstance(), Idempotence.IDEMPOTENT))
                .getGroupsList().stream().map(GroupInfo::fromProto).toList();
    }

    public GroupDescription describe(String group) {
        DescribeGroupResponse description = await(caller.call(ConsumerGroupServiceGrpc.getDescribeGroupMethod(),
                DescribeGroupRequest.newBuilder().setGroup(group).build(), Idempotence.IDEMPOTENT));
        return new GroupDescription(GroupInfo.fromProto(description.getGroup()), description.getLag(), description.getPending(),
                ProtoTime.duration(description.getOldestPendingAge()),
                description.getConsumersList().stream()
                        .map(consumer -> new ConsumerInfo(consumer.getName(), consumer.getPending(), ProtoTime.duration(consumer.getIdle())))
                        .toList(),
                description.getParked());
    }

    /** Delivers parked messages again, oldest first ({@code maxCount} 0: all); returns how many. */
    public long replayParked(String group, long maxCount) {
        return await(caller.call(ConsumerGroupServiceGrpc.getReplayParkedMethod(),
                ReplayParkedRequest.newBuilder().setGroup(group).setMaxCount(maxCount).build(), Idempotence.NOT_IDEMPOTENT)).getReplayed();
    }

    private static CreateGroupRequest createRequest(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start) {
        CreateGroupRequest.Builder request = CreateGroupRequest.newBuilder()
                .setGroup(requireNonNull(group, "group is null"))
                .setSettings(settings.toProto())
                .setStart(start.toProto());
        target.streamName().ifPresentOrElse(request::setStream, () -> request.setAll(target.toAllTarget()));
        return request.build();
    }
}
