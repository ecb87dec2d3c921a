package io.eventline.client.internal;

import com.google.protobuf.ByteString;
import io.eventline.client.NotFoundException;
import io.eventline.client.admin.Snapshot;
import io.eventline.client.admin.StreamAdmin;
import io.eventline.client.admin.StreamInfo;
import io.eventline.client.admin.StreamRetention;
import io.eventline.client.admin.StreamState;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.GetStreamInfoResponse;
import io.eventline.proto.v1.LoadSnapshotRequest;
import io.eventline.proto.v1.SaveSnapshotRequest;
import io.eventline.proto.v1.SetStreamRetentionRequest;
import io.eventline.proto.v1.StreamServiceGrpc;

import java.util.Optional;

import static io.eventline.client.internal.Blocking.await;
import static java.util.Objects.requireNonNull;

/** Stream management over the client's unary calls. */
final class GrpcStreamAdmin implements StreamAdmin {
    private final UnaryCaller caller;

    GrpcStreamAdmin(UnaryCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
    }

    @Override
    public StreamInfo info(String stream) {
        GetStreamInfoResponse info = await(caller.call(StreamServiceGrpc.getGetStreamInfoMethod(),
                GetStreamInfoRequest.newBuilder().setStream(stream).build(), Idempotence.IDEMPOTENT));
        return new StreamInfo(info.getStream(), state(info.getState()), info.getVersion(), info.getEventCount(), info.getFirstVersion(),
                info.getFirstPosition(), info.getLastPosition(), ProtoTime.instant(info.getCreatedAt()),
                new StreamRetention(info.getRetention().getMaxCount(), ProtoTime.duration(info.getRetention().getMaxAge())));
    }

    @Override
    public void delete(String stream, ExpectedVersion expected) {
        delete(stream, expected, false);
    }

    @Override
    public void tombstone(String stream, ExpectedVersion expected) {
        delete(stream, expected, true);
    }

    @Override
    public void setRetention(String stream, StreamRetention retention) {
        await(caller.call(StreamServiceGrpc.getSetStreamRetentionMethod(), SetStreamRetentionRequest.newBuilder()
                .setStream(stream)
                .setRetention(io.eventline.proto.v1.StreamRetention.newBuilder()
                        .setMaxCount(retention.maxCount())
                        .setMaxAge(ProtoTime.proto(retention.maxAge())))
                .build(), Idempotence.IDEMPOTENT));
    }

    @Override
    public void saveSnapshot(String stream, long version, byte[] data, String contentType) {
        await(caller.call(StreamServiceGrpc.getSaveSnapshotMethod(), SaveSnapshotRequest.newBuilder()
                .setStream(stream)
                .setVersion(version)
                .setData(ByteString.copyFrom(data))
                .setContentType(contentType)
                .build(), Idempotence.IDEMPOTENT));
    }

    @Override
    public Optional<Snapshot> loadSnapshot(String stream) {
        io.eventline.proto.v1.Snapshot snapshot;
        try {
            snapshot = await(caller.call(StreamServiceGrpc.getLoadSnapshotMethod(), LoadSnapshotRequest.newBuilder().setStream(stream).build(),
                    Idempotence.IDEMPOTENT)).getSnapshot();
        }
        catch (NotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(snapshot.getStream(), snapshot.getVersion(), snapshot.getData().toByteArray(), snapshot.getContentType(),
                ProtoTime.instant(snapshot.getSavedAt())));
    }

    private void delete(String stream, ExpectedVersion expected, boolean hard) {
        // a repeated soft delete fails (nothing left to delete): not retried
        await(caller.call(StreamServiceGrpc.getDeleteStreamMethod(), DeleteStreamRequest.newBuilder()
                .setStream(stream)
                .setExpectedVersion(expected.toProto())
                .setHard(hard)
                .build(), Idempotence.NOT_IDEMPOTENT));
    }

    private static StreamState state(io.eventline.proto.v1.StreamState state) {
        return switch (state) {
            case STREAM_STATE_SOFT_DELETED -> StreamState.SOFT_DELETED;
            case STREAM_STATE_TOMBSTONED -> StreamState.TOMBSTONED;
            default -> StreamState.ACTIVE;
        };
    }
}
