package io.eventline.server.grpc;

import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.ConsumerInfo;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.CreateGroupResponse;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.DeleteGroupResponse;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.proto.v1.ListGroupsResponse;
import io.eventline.proto.v1.RemoveConsumerRequest;
import io.eventline.proto.v1.RemoveConsumerResponse;
import io.eventline.proto.v1.ReplayParkedRequest;
import io.eventline.proto.v1.ReplayParkedResponse;
import io.eventline.proto.v1.ResetGroupRequest;
import io.eventline.proto.v1.ResetGroupResponse;
import io.eventline.proto.v1.UpdateGroupRequest;
import io.eventline.proto.v1.UpdateGroupResponse;
import io.eventline.server.security.Callers;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupDefinition;
import io.eventline.server.store.subscribe.GroupStatus;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.SubscriptionStart;
import io.eventline.server.store.subscribe.SubscriptionTarget;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** eventline.v1.ConsumerGroupService: creating, changing, inspecting and deleting consumer groups. */
public final class ConsumerGroupGrpcService extends ConsumerGroupServiceGrpc.ConsumerGroupServiceImplBase {
    private final GroupStore groups;
    private final GroupAdmin admin;
    private final ProtoMapper mapper;
    private final UnaryResponder responder;
    private final Callers callers;

    @Inject
    public ConsumerGroupGrpcService(GroupStore groups, GroupAdmin admin, ProtoMapper mapper, UnaryResponder responder, Callers callers) {
        this.groups = requireNonNull(groups, "groups is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.responder = requireNonNull(responder, "responder is null");
        this.callers = requireNonNull(callers, "callers is null");
    }

    @Override
    public void createGroup(CreateGroupRequest request, StreamObserver<CreateGroupResponse> observer) {
        responder.respond(observer, () -> groups.create(request.getGroup(), target(request), mapper.toSettings(request.getSettings()),
                        request.hasStart() ? mapper.toStart(request.getStart()) : new SubscriptionStart.Beginning(), callers.current()),
                created -> CreateGroupResponse.getDefaultInstance());
    }

    @Override
    public void updateGroup(UpdateGroupRequest request, StreamObserver<UpdateGroupResponse> observer) {
        responder.respond(observer, () -> groups.update(request.getGroup(), mapper.toSettings(request.getSettings()), callers.current()),
                updated -> UpdateGroupResponse.getDefaultInstance());
    }

    @Override
    public void resetGroup(ResetGroupRequest request, StreamObserver<ResetGroupResponse> observer) {
        responder.respond(observer, () -> groups.reset(request.getGroup(), mapper.toStart(request.getStart()), callers.current()),
                done -> ResetGroupResponse.getDefaultInstance());
    }

    @Override
    public void removeConsumer(RemoveConsumerRequest request, StreamObserver<RemoveConsumerResponse> observer) {
        responder.respond(observer, () -> admin.removeConsumer(request.getGroup(), request.getConsumer(), callers.current()),
                released -> RemoveConsumerResponse.newBuilder().setReleased(released).build());
    }

    @Override
    public void deleteGroup(DeleteGroupRequest request, StreamObserver<DeleteGroupResponse> observer) {
        responder.respond(observer, () -> groups.delete(request.getGroup(), callers.current()), done -> DeleteGroupResponse.getDefaultInstance());
    }

    @Override
    public void listGroups(ListGroupsRequest request, StreamObserver<ListGroupsResponse> observer) {
        responder.respond(observer, () -> groups.list(callers.current()), list -> {
            ListGroupsResponse.Builder response = ListGroupsResponse.newBuilder();
            list.forEach(group -> response.addGroups(toInfo(group)));
            return response.build();
        });
    }

    @Override
    public void describeGroup(DescribeGroupRequest request, StreamObserver<DescribeGroupResponse> observer) {
        responder.respond(observer, () -> admin.describe(request.getGroup(), callers.current()), this::toResponse);
    }

    @Override
    public void replayParked(ReplayParkedRequest request, StreamObserver<ReplayParkedResponse> observer) {
        responder.respond(observer, () -> admin.replayParked(request.getGroup(), request.getMaxCount(), callers.current()),
                replayed -> ReplayParkedResponse.newBuilder().setReplayed(replayed).build());
    }

    private SubscriptionTarget target(CreateGroupRequest request) {
        return switch (request.getTargetCase()) {
            case STREAM -> mapper.toStreamTarget(request.getStream());
            case ALL -> mapper.toAllTarget(request.getAll());
            case TARGET_NOT_SET -> throw new InvalidArgumentException("target", "set stream (one stream) or all ($all)");
        };
    }

    private GroupInfo toInfo(GroupDefinition group) {
        GroupInfo.Builder info = GroupInfo.newBuilder()
                .setGroup(group.name())
                .setStream(group.target().describe())
                .setSettings(io.eventline.proto.v1.GroupSettings.newBuilder()
                        .setAckTimeout(mapper.toDuration(group.settings().ackTimeout()))
                        .setMaxDeliveries(group.settings().maxDeliveries()))
                .setCreatedAt(mapper.toTimestamp(group.createdAt()))
                .addAllCategories(group.target().categories().stream().sorted().toList())
                .addAllEventTypes(group.target().eventTypes().stream().sorted().toList())
                .addAllStreamPrefixes(group.target().streamPrefixes().stream().sorted().toList());
        return info.build();
    }

    private DescribeGroupResponse toResponse(GroupStatus status) {
        DescribeGroupResponse.Builder response = DescribeGroupResponse.newBuilder()
                .setGroup(toInfo(status.group()))
                .setLag(status.lag())
                .setPending(status.pending())
                .setOldestPendingAge(mapper.toDuration(status.oldestPendingAge()))
                .setParked(status.parked());
        for (GroupStatus.ConsumerStatus consumer : status.consumers()) {
            response.addConsumers(ConsumerInfo.newBuilder()
                    .setName(consumer.name())
                    .setPending(consumer.pending())
                    .setIdle(mapper.toDuration(consumer.idle())));
        }
        return response.build();
    }
}
