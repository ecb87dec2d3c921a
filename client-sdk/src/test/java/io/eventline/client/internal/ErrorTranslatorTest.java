package io.eventline.client.internal;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.eventline.client.EventlineException;
import io.eventline.client.NotFoundException;
import io.eventline.client.append.EventIdConflictException;
import io.eventline.client.append.StreamDeletedException;
import io.eventline.client.append.WrongExpectedVersionException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The server's statuses and ErrorInfo details, as the SDK's exceptions. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ErrorTranslatorTest {
    @Test
    void aWrongExpectedVersionCarriesExpectedAndActual() {
        RuntimeException translated = ErrorTranslator.translate(rich(Code.ABORTED, "stream 'order-1' is at version 2",
                "WRONG_EXPECTED_VERSION", Map.of("stream", "order-1", "expected", "no_stream", "actual", "2")));

        WrongExpectedVersionException conflict = assertInstanceOf(WrongExpectedVersionException.class, translated);
        assertEquals("order-1", conflict.stream());
        assertEquals("no_stream", conflict.expected());
        assertEquals(2, conflict.actual());
        assertEquals("stream 'order-1' is at version 2", conflict.getMessage());
        assertEquals(Status.Code.ABORTED, conflict.code());
    }

    @Test
    void aFailureInsideFutureWrappersIsTranslated() {
        StatusRuntimeException unavailable = Status.UNAVAILABLE.withDescription("retry").asRuntimeException();

        RuntimeException translated = ErrorTranslator.translate(new CompletionException(new ExecutionException(unavailable)));

        assertEquals(Status.Code.UNAVAILABLE, assertInstanceOf(EventlineException.class, translated).code());
    }

    @Test
    void reasonsPickTheirExceptions() {
        assertInstanceOf(EventIdConflictException.class, ErrorTranslator.translate(rich(Code.ALREADY_EXISTS, "overlap", "EVENT_ID_CONFLICT", Map.of())));
        assertInstanceOf(StreamDeletedException.class, ErrorTranslator.translate(rich(Code.FAILED_PRECONDITION, "gone", "STREAM_DELETED", Map.of())));
        assertInstanceOf(NotFoundException.class, ErrorTranslator.translate(Status.NOT_FOUND.withDescription("no such group").asRuntimeException()));
    }

    @Test
    void otherStatusesKeepTheirCodeAndMessage() {
        RuntimeException translated = ErrorTranslator.translate(
                new CompletionException(Status.ALREADY_EXISTS.withDescription("group 'billing' exists").asRuntimeException()));

        EventlineException failure = assertInstanceOf(EventlineException.class, translated);
        assertEquals(Status.Code.ALREADY_EXISTS, failure.code());
        assertEquals("group 'billing' exists", failure.getMessage());
    }

    @Test
    void whatIsNotAFailedCallStaysAsItIs() {
        IllegalArgumentException bug = new IllegalArgumentException("a bug");

        assertSame(bug, ErrorTranslator.translate(new CompletionException(bug)));
    }

    private static StatusRuntimeException rich(Code code, String message, String reason, Map<String, String> metadata) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("eventline.io").putAllMetadata(metadata).build()))
                .build());
    }
}
