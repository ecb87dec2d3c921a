package io.eventline.client.admin;

import com.google.protobuf.ByteString;
import io.eventline.client.NotFoundException;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.internal.Idempotence;
import io.eventline.client.internal.UnaryCaller;
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

/** Stream management: info, deletion, retention, snapshots. Blocking calls. */
public final class StreamAdmin {
    private final UnaryCaller caller;

    public StreamAdmin(UnaryCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
    }

    /** Throws {@link NotFoundException} when the stream was never written to. */
    public StreamInfo info(String stream) {
        GetStreamInfoResponse info = await(caller.call(StreamServiceGrpc.getGetStreamInfoMethod(),
                GetStreamInfoRequest.newBuilder().setStream(stream).build(), Idempotence.IDEMPOTENT));
        return new StreamInfo(info.getStream(), state(info.getState()), info.getVersion(), info.getEventCount(), info.getFirstVersion(),
                info.getFirstPosition(), info.getLastPosition(), ProtoTime.instant(info.getCreatedAt()),
                new StreamRetention(info.getRetention().getMaxCount(), ProtoTime.duration(info.getRetention().getMaxAge())));
    }

    /** Soft delete: the events go, reads say not found, a later append continues the numbering. */
    public void delete(String stream, ExpectedVersion expected) {
        delete(stream, expected, false);
    }

    /** Hard delete: the stream can never be written again. */
    public void tombstone(String stream, ExpectedVersion expected) {
        delete(stream, expected, true);
    }

    public void setRetention(String stream, StreamRetention retention) {
        await(caller.call(StreamServiceGrpc.getSetStreamRetentionMethod(), SetStreamRetentionRequest.newBuilder()
                .setStream(stream)
                .setRetention(io.eventline.proto.v1.StreamRetention.newBuilder()
                        .setMaxCount(retention.maxCount())
                        .setMaxAge(ProtoTime.proto(retention.maxAge())))
                .build(), Idempotence.IDEMPOTENT));
    }

    /** Stores the stream's state at {@code version}; the newest snapshot wins. */
    public void saveSnapshot(String stream, long version, byte[] data, String contentType) {
        await(caller.call(StreamServiceGrpc.getSaveSnapshotMethod(), SaveSnapshotRequest.newBuilder()
                .setStream(stream)
                .setVersion(version)
                .setData(ByteString.copyFrom(data))
                .setContentType(contentType)
                .build(), Idempotence.IDEMPOTENT));
    }

    /** The latest snapshot, if the stream has one. */
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
