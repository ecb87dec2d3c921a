package io.eventline.server.grpc;

import com.google.protobuf.Duration;
import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.DeleteStreamResponse;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.GetStreamInfoResponse;
import io.eventline.proto.v1.LoadSnapshotRequest;
import io.eventline.proto.v1.LoadSnapshotResponse;
import io.eventline.proto.v1.SaveSnapshotRequest;
import io.eventline.proto.v1.SaveSnapshotResponse;
import io.eventline.proto.v1.SetStreamRetentionRequest;
import io.eventline.proto.v1.SetStreamRetentionResponse;
import io.eventline.proto.v1.StreamRetention;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.proto.v1.StreamState;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.streams.Retention;
import io.eventline.server.store.streams.Snapshot;
import io.eventline.server.store.streams.SnapshotStore;
import io.eventline.server.store.streams.StreamAdmin;
import io.eventline.server.store.streams.StreamInfo;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** eventline.v1.StreamService: stream info, deletion, retention and snapshots. */
public final class StreamGrpcService extends StreamServiceGrpc.StreamServiceImplBase {
    private final StreamAdmin admin;
    private final SnapshotStore snapshots;
    private final ProtoMapper mapper;
    private final UnaryResponder responder;

    @Inject
    public StreamGrpcService(StreamAdmin admin, SnapshotStore snapshots, ProtoMapper mapper, UnaryResponder responder) {
        this.admin = requireNonNull(admin, "admin is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.responder = requireNonNull(responder, "responder is null");
    }

    @Override
    public void getStreamInfo(GetStreamInfoRequest request, StreamObserver<GetStreamInfoResponse> observer) {
        responder.respond(observer, () -> admin.info(request.getStream()), this::toResponse);
    }

    @Override
    public void deleteStream(DeleteStreamRequest request, StreamObserver<DeleteStreamResponse> observer) {
        responder.respond(observer,
                () -> admin.delete(request.getStream(), mapper.toExpectedVersion(request.getExpectedVersion(), "expected_version"), request.getHard()),
                done -> DeleteStreamResponse.getDefaultInstance());
    }

    @Override
    public void setStreamRetention(SetStreamRetentionRequest request, StreamObserver<SetStreamRetentionResponse> observer) {
        responder.respond(observer,
                () -> admin.setRetention(request.getStream(), toRetention(request.getRetention())),
                done -> SetStreamRetentionResponse.getDefaultInstance());
    }

    @Override
    public void saveSnapshot(SaveSnapshotRequest request, StreamObserver<SaveSnapshotResponse> observer) {
        responder.respond(observer,
                () -> snapshots.save(request.getStream(), request.getVersion(), request.getData().toByteArray(), request.getContentType()),
                done -> SaveSnapshotResponse.getDefaultInstance());
    }

    @Override
    public void loadSnapshot(LoadSnapshotRequest request, StreamObserver<LoadSnapshotResponse> observer) {
        responder.respond(observer, () -> snapshots.load(request.getStream()), this::toResponse);
    }

    private GetStreamInfoResponse toResponse(StreamInfo info) {
        GetStreamInfoResponse.Builder response = GetStreamInfoResponse.newBuilder()
                .setStream(info.stream())
                .setState(switch (info.state()) {
                    case ACTIVE -> StreamState.STREAM_STATE_ACTIVE;
                    case SOFT_DELETED -> StreamState.STREAM_STATE_SOFT_DELETED;
                    case TOMBSTONED -> StreamState.STREAM_STATE_TOMBSTONED;
                })
                .setVersion(info.version())
                .setEventCount(info.eventCount())
                .setFirstVersion(info.firstVersion())
                .setFirstPosition(info.firstPosition().map(Position::toString).orElse(""))
                .setLastPosition(info.lastPosition().map(Position::toString).orElse(""))
                .setRetention(StreamRetention.newBuilder()
                        .setMaxCount(info.retention().maxCount())
                        .setMaxAge(Duration.newBuilder()
                                .setSeconds(info.retention().maxAge().getSeconds())
                                .setNanos(info.retention().maxAge().getNano())));
        info.createdAt().ifPresent(created -> response.setCreatedAt(mapper.toTimestamp(created)));
        return response.build();
    }

    private LoadSnapshotResponse toResponse(Snapshot snapshot) {
        return LoadSnapshotResponse.newBuilder()
                .setSnapshot(io.eventline.proto.v1.Snapshot.newBuilder()
                        .setStream(snapshot.stream())
                        .setVersion(snapshot.version())
                        .setData(com.google.protobuf.ByteString.copyFrom(snapshot.data()))
                        .setContentType(snapshot.contentType())
                        .setSavedAt(mapper.toTimestamp(snapshot.savedAt())))
                .build();
    }

    private Retention toRetention(StreamRetention retention) {
        if (retention.getMaxCount() < 0) {
            throw new InvalidArgumentException("retention.max_count", "value is too large");
        }
        return new Retention(retention.getMaxCount(), mapper.toDuration(retention.getMaxAge(), "retention.max_age"));
    }
}
