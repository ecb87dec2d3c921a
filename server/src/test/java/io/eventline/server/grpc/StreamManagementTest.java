package io.eventline.server.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.eventline.proto.v1.DeleteStreamRequest;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.GetStreamInfoResponse;
import io.eventline.proto.v1.LoadSnapshotRequest;
import io.eventline.proto.v1.ReadDirection;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.proto.v1.SaveSnapshotRequest;
import io.eventline.proto.v1.SetStreamRetentionRequest;
import io.eventline.proto.v1.Snapshot;
import io.eventline.proto.v1.StreamRetention;
import io.eventline.proto.v1.StreamState;
import io.eventline.server.testing.HarnessTest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.errorInfo;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.exact;
import static io.eventline.server.testing.Fixtures.noStream;
import static io.eventline.server.testing.Fixtures.read;
import static io.eventline.server.testing.Fixtures.types;
import static io.eventline.server.testing.Fixtures.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamManagementTest extends HarnessTest {
    @Test
    void infoDescribesAStream() {
        var appended = eventline.events().appendEvents(append("order-1", any(), event("A"), event("B"), event("C")));

        GetStreamInfoResponse info = info("order-1");
        assertEquals(StreamState.STREAM_STATE_ACTIVE, info.getState());
        assertEquals(3, info.getVersion());
        assertEquals(3, info.getEventCount());
        assertEquals(1, info.getFirstVersion());
        assertEquals(appended.getPositions(0), info.getFirstPosition());
        assertEquals(appended.getPositions(2), info.getLastPosition());
        assertEquals(appended.getRecordedAt().getSeconds(), info.getCreatedAt().getSeconds());
        assertStatus(Status.Code.NOT_FOUND, () -> info("order-404"));
    }

    @Test
    void softDeleteHidesTheStreamAndALaterAppendContinuesTheNumbering() {
        eventline.events().appendEvents(append("order-2", any(), event("A"), event("B")));

        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("order-2").setExpectedVersion(exact(2)).build());

        assertStatus(Status.Code.NOT_FOUND, () -> drain(eventline.events().readStream(read("order-2").build())));
        assertEquals(StreamState.STREAM_STATE_SOFT_DELETED, info("order-2").getState());
        assertEquals(0, info("order-2").getEventCount());
        var next = eventline.events().appendEvents(append("order-2", noStream(), event("C")));
        assertEquals(3, next.getFirstVersion());
        List<RecordedEvent> visible = drain(eventline.events().readStream(read("order-2").build()));
        assertEquals(List.of(3L), versions(visible));
        assertEquals(List.of("C"), types(visible));
    }

    @Test
    void deleteChecksTheExpectedVersion() {
        eventline.events().appendEvents(append("order-3", any(), event("A")));

        StatusRuntimeException error = assertStatus(Status.Code.ABORTED, () -> eventline.streams().deleteStream(
                DeleteStreamRequest.newBuilder().setStream("order-3").setExpectedVersion(exact(5)).build()));
        assertEquals("1", errorInfo(error).getMetadataOrThrow("actual"));
        assertEquals(1, drain(eventline.events().readStream(read("order-3").build())).size());
        assertStatus(Status.Code.NOT_FOUND, () -> eventline.streams().deleteStream(
                DeleteStreamRequest.newBuilder().setStream("order-404").build()));
    }

    @Test
    void hardDeleteTombstonesTheStreamForever() {
        eventline.events().appendEvents(append("order-4", any(), event("A")));

        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("order-4").setHard(true).build());

        assertStatus(Status.Code.NOT_FOUND, () -> drain(eventline.events().readStream(read("order-4").build())));
        StatusRuntimeException append = assertStatus(Status.Code.FAILED_PRECONDITION,
                () -> eventline.events().appendEvents(append("order-4", any(), event("B"))));
        assertEquals("STREAM_DELETED", errorInfo(append).getReason());
        assertStatus(Status.Code.FAILED_PRECONDITION,
                () -> eventline.events().appendEvents(append("order-4", noStream(), event("B"))));
        assertEquals(StreamState.STREAM_STATE_TOMBSTONED, info("order-4").getState());
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> eventline.streams().deleteStream(
                DeleteStreamRequest.newBuilder().setStream("order-4").build()));
    }

    @Test
    void allSkipsEventsOfDeletedStreams() {
        eventline.events().appendEvents(append("order-5", any(), event("Gone")));
        eventline.events().appendEvents(append("order-6", any(), event("Kept")));
        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("order-5").build());

        assertEquals(List.of("Kept"), types(drain(eventline.events().readStream(read("$all").build()))));
    }

    @Test
    void retentionByCountTrimsAndNeverReusesVersions() {
        eventline.events().appendEvents(append("order-7", any(), IntStream.rangeClosed(1, 10).mapToObj(i -> event("E" + i)).toList()));

        setRetention("order-7", StreamRetention.newBuilder().setMaxCount(3).build());

        assertEquals(List.of(8L, 9L, 10L), versions(drain(eventline.events().readStream(read("order-7").build()))));
        assertEquals(3, info("order-7").getEventCount());
        eventline.events().appendEvents(append("order-7", exact(10), event("E11")));
        assertEquals(List.of(9L, 10L, 11L), versions(drain(eventline.events().readStream(read("order-7").build()))));
        assertEquals(List.of(11L, 10L, 9L), versions(drain(eventline.events().readStream(read("order-7")
                .setDirection(ReadDirection.READ_DIRECTION_BACKWARD).build()))));
        assertEquals(3, info("order-7").getRetention().getMaxCount());
    }

    @Test
    void readsHonourRetentionByAgeAtOnce() {
        eventline.events().appendEvents(append("order-8", any(), event("Old")));
        setRetention("order-8", StreamRetention.newBuilder().setMaxAge(Duration.newBuilder().setSeconds(60)).build());
        assertEquals(List.of("Old"), types(drain(eventline.events().readStream(read("order-8").build()))));

        eventline.clock().advance(java.time.Duration.ofMinutes(2));

        assertEquals(List.of(), drain(eventline.events().readStream(read("order-8").build())));
        assertEquals(60, info("order-8").getRetention().getMaxAge().getSeconds());
    }

    @Test
    void removingRetentionShowsWhatIsStillStored() {
        eventline.events().appendEvents(append("order-9", any(), event("A"), event("B")));
        setRetention("order-9", StreamRetention.newBuilder().setMaxAge(Duration.newBuilder().setSeconds(60)).build());
        eventline.clock().advance(java.time.Duration.ofMinutes(2));

        setRetention("order-9", StreamRetention.getDefaultInstance());

        assertEquals(List.of("A", "B"), types(drain(eventline.events().readStream(read("order-9").build()))));
    }

    @Test
    void snapshotsKeepTheNewestVersion() {
        eventline.events().appendEvents(append("order-10", any(), IntStream.rangeClosed(1, 5).mapToObj(i -> event("E" + i)).toList()));
        assertStatus(Status.Code.NOT_FOUND, () -> loadSnapshot("order-10"));

        saveSnapshot("order-10", 3, "state@3");
        assertEquals(3, loadSnapshot("order-10").getVersion());
        saveSnapshot("order-10", 5, "state@5");

        Snapshot latest = loadSnapshot("order-10");
        assertEquals(5, latest.getVersion());
        assertEquals("state@5", latest.getData().toStringUtf8());
        assertEquals("application/json", latest.getContentType());
        assertEquals("order-10", latest.getStream());
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> saveSnapshot("order-10", 4, "older"));
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> saveSnapshot("order-10", 6, "ahead of the stream"));
        assertStatus(Status.Code.NOT_FOUND, () -> saveSnapshot("order-404", 1, "no stream"));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> saveSnapshot("order-10", 0, "version 0"));
        assertEquals("state@5", loadSnapshot("order-10").getData().toStringUtf8());
    }

    @Test
    void deletingAStreamDeletesItsSnapshot() {
        eventline.events().appendEvents(append("order-11", any(), event("A")));
        saveSnapshot("order-11", 1, "state@1");

        eventline.streams().deleteStream(DeleteStreamRequest.newBuilder().setStream("order-11").build());

        assertStatus(Status.Code.NOT_FOUND, () -> loadSnapshot("order-11"));
    }

    private GetStreamInfoResponse info(String stream) {
        return eventline.streams().getStreamInfo(GetStreamInfoRequest.newBuilder().setStream(stream).build());
    }

    private void setRetention(String stream, StreamRetention retention) {
        eventline.streams().setStreamRetention(SetStreamRetentionRequest.newBuilder().setStream(stream).setRetention(retention).build());
    }

    private void saveSnapshot(String stream, long version, String state) {
        eventline.streams().saveSnapshot(SaveSnapshotRequest.newBuilder()
                .setStream(stream).setVersion(version).setData(ByteString.copyFromUtf8(state)).setContentType("application/json").build());
    }

    private Snapshot loadSnapshot(String stream) {
        return eventline.streams().loadSnapshot(LoadSnapshotRequest.newBuilder().setStream(stream).build()).getSnapshot();
    }
}
