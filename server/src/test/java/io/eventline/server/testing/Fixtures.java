package io.eventline.server.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.ExpectedVersion;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.proto.v1.RecordedEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Request builders and status assertions shared by the gRPC-level tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static EventData event(String type) {
        return event(type, type + "-data");
    }

    public static EventData event(String type, String data) {
        return EventData.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setType(type)
                .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                .setContentType("application/json")
                .build();
    }

    /** Appends {@code count} events of {@code bytes} bytes of data each, as many per append as the harness's limits allow. */
    public static void appendLarge(EventlineHarness eventline, String stream, int count, int bytes) {
        int perAppend = Math.max(1, EventlineHarness.LIMITS.maxAppendBytes() / EventlineHarness.LIMITS.maxEventBytes());
        for (int start = 0; start < count; start += perAppend) {
            List<EventData> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + perAppend); i++) {
                batch.add(EventData.newBuilder().setEventId(UUID.randomUUID().toString()).setType("BlobStored")
                        .setData(ByteString.copyFrom(new byte[bytes])).build());
            }
            eventline.events().appendEvents(append(stream, any(), batch));
        }
    }

    public static ExpectedVersion any() {
        return ExpectedVersion.newBuilder().setAny(Empty.getDefaultInstance()).build();
    }

    public static ExpectedVersion noStream() {
        return ExpectedVersion.newBuilder().setNoStream(Empty.getDefaultInstance()).build();
    }

    public static ExpectedVersion streamExists() {
        return ExpectedVersion.newBuilder().setStreamExists(Empty.getDefaultInstance()).build();
    }

    public static ExpectedVersion exact(long version) {
        return ExpectedVersion.newBuilder().setExact(version).build();
    }

    public static AppendEventsRequest append(String stream, ExpectedVersion expected, EventData... events) {
        return AppendEventsRequest.newBuilder().setStream(stream).setExpectedVersion(expected).addAllEvents(List.of(events)).build();
    }

    public static AppendEventsRequest append(String stream, ExpectedVersion expected, List<EventData> events) {
        return AppendEventsRequest.newBuilder().setStream(stream).setExpectedVersion(expected).addAllEvents(events).build();
    }

    public static ReadStreamRequest.Builder read(String stream) {
        return ReadStreamRequest.newBuilder().setStream(stream);
    }

    /** Drains a server stream into one list. */
    public static List<RecordedEvent> drain(Iterator<ReadStreamResponse> responses) {
        List<RecordedEvent> events = new ArrayList<>();
        responses.forEachRemaining(response -> events.addAll(response.getEventsList()));
        return events;
    }

    public static List<Long> versions(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::getVersion).toList();
    }

    public static List<String> types(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::getType).toList();
    }

    public static StatusRuntimeException assertStatus(Status.Code code, Executable call) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, error.getStatus().getCode(), () -> "status was " + error.getStatus());
        return error;
    }

    public static ErrorInfo errorInfo(StatusRuntimeException error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(ErrorInfo.class)) {
                    try {
                        return detail.unpack(ErrorInfo.class);
                    }
                    catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return fail("no ErrorInfo in " + error.getStatus());
    }

    /** The field a BadRequest detail names. */
    public static String badField(StatusRuntimeException error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    try {
                        return detail.unpack(BadRequest.class).getFieldViolations(0).getField();
                    }
                    catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return fail("no BadRequest in " + error.getStatus());
    }
}
