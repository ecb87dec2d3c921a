package io.eventline.loadtest.operation;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContendedEventlineAppendTest {
    private static Throwable aborted(String actual) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason("WRONG_EXPECTED_VERSION").setDomain("eventline.io").putMetadata("expected", "3");
        if (actual != null) {
            info.putMetadata("actual", actual);
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.ABORTED_VALUE)
                .setMessage("stream is at another version")
                .addDetails(Any.pack(info.build()))
                .build());
    }

    @Test
    void readsTheActualVersionFromErrorInfo() {
        assertEquals(OptionalLong.of(7), ContendedEventlineAppend.actualVersion(aborted("7")));
    }

    @Test
    void anyOtherFailureIsNotAConflict() {
        assertEquals(OptionalLong.empty(), ContendedEventlineAppend.actualVersion(aborted(null)));
        assertEquals(OptionalLong.empty(), ContendedEventlineAppend.actualVersion(Status.UNAVAILABLE.asRuntimeException()));
        assertEquals(OptionalLong.empty(), ContendedEventlineAppend.actualVersion(Status.ABORTED.asRuntimeException()));
    }

    @Test
    void knownVersionsOnlyGrow() {
        KnownVersions known = new KnownVersions(2);
        known.advanceTo(0, 5);
        known.advanceTo(0, 3);
        assertEquals(5, known.get(0));
        assertEquals(0, known.get(1));
    }
}
