package io.eventline.client.internal;

import io.eventline.client.EventlineException;
import io.eventline.client.admin.ConsumerInfo;
import io.eventline.client.admin.GroupAdmin;
import io.eventline.client.admin.GroupDescription;
import io.eventline.client.admin.GroupInfo;
import io.eventline.client.admin.GroupSettings;
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

/** Consumer group management over the client's unary calls. */
final class GrpcGroupAdmin implements GroupAdmin {
    private final UnaryCaller caller;

    GrpcGroupAdmin(UnaryCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
    }

    @Override
    public void create(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start) {
        // a retry after a lost reply would say ALREADY_EXISTS: not retried (createIfAbsent is)
        await(caller.call(ConsumerGroupServiceGrpc.getCreateGroupMethod(), createRequest(group, target, settings, start), Idempotence.NOT_IDEMPOTENT));
    }

    @Override
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

    @Override
    public void update(String group, GroupSettings settings) {
        await(caller.call(ConsumerGroupServiceGrpc.getUpdateGroupMethod(),
                UpdateGroupRequest.newBuilder().setGroup(group).setSettings(proto(settings)).build(), Idempotence.IDEMPOTENT));
    }

    @Override
    public void reset(String group, SubscriptionStart start) {
        await(caller.call(ConsumerGroupServiceGrpc.getResetGroupMethod(),
                ResetGroupRequest.newBuilder().setGroup(group).setStart(start.toProto()).build(), Idempotence.IDEMPOTENT));
    }

    @Override
    public long removeConsumer(String group, String consumer) {
        return await(caller.call(ConsumerGroupServiceGrpc.getRemoveConsumerMethod(),
                RemoveConsumerRequest.newBuilder().setGroup(group).setConsumer(consumer).build(), Idempotence.IDEMPOTENT)).getReleased();
    }

    @Override
    public void delete(String group) {
        await(caller.call(ConsumerGroupServiceGrpc.getDeleteGroupMethod(), DeleteGroupRequest.newBuilder().setGroup(group).build(),
                Idempotence.NOT_IDEMPOTENT));
    }

    @Override
    public List<GroupInfo> list() {
        return await(caller.call(ConsumerGroupServiceGrpc.getListGroupsMethod(), ListGroupsRequest.getDefaultInstance(), Idempotence.IDEMPOTENT))
                .getGroupsList().stream().map(GrpcGroupAdmin::groupInfo).toList();
    }

    @Override
    public GroupDescription describe(String group) {
        DescribeGroupResponse description = await(caller.call(ConsumerGroupServiceGrpc.getDescribeGroupMethod(),
                DescribeGroupRequest.newBuilder().setGroup(group).build(), Idempotence.IDEMPOTENT));
        return new GroupDescription(groupInfo(description.getGroup()), description.getLag(), description.getPending(),
                ProtoTime.duration(description.getOldestPendingAge()),
                description.getConsumersList().stream()
                        .map(consumer -> new ConsumerInfo(consumer.getName(), consumer.getPending(), ProtoTime.duration(consumer.getIdle())))
                        .toList(),
                description.getParked());
    }

    @Override
    public long replayParked(String group, long maxCount) {
        return await(caller.call(ConsumerGroupServiceGrpc.getReplayParkedMethod(),
                ReplayParkedRequest.newBuilder().setGroup(group).setMaxCount(maxCount).build(), Idempotence.NOT_IDEMPOTENT)).getReplayed();
    }

    private static CreateGroupRequest createRequest(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start) {
        CreateGroupRequest.Builder request = CreateGroupRequest.newBuilder()
                .setGroup(requireNonNull(group, "group is null"))
                .setSettings(proto(settings))
                .setStart(start.toProto());
        target.streamName().ifPresentOrElse(request::setStream, () -> request.setAll(target.toAllTarget()));
        return request.build();
    }

    private static io.eventline.proto.v1.GroupSettings proto(GroupSettings settings) {
        return io.eventline.proto.v1.GroupSettings.newBuilder()
                .setAckTimeout(ProtoTime.proto(settings.ackTimeout()))
                .setMaxDeliveries(settings.maxDeliveries())
                .build();
    }

    private static GroupInfo groupInfo(io.eventline.proto.v1.GroupInfo info) {
        GroupSettings settings = new GroupSettings(ProtoTime.duration(info.getSettings().getAckTimeout()), info.getSettings().getMaxDeliveries());
        return new GroupInfo(info.getGroup(), info.getStream(), info.getCategoriesList(), info.getEventTypesList(), settings,
                ProtoTime.instant(info.getCreatedAt()));
    }
}
