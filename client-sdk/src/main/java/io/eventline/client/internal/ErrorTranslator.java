package io.eventline.client.internal;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.eventline.client.EventlineException;
import io.eventline.client.NotFoundException;
import io.eventline.client.append.EventIdConflictException;
import io.eventline.client.append.StreamDeletedException;
import io.eventline.client.append.WrongExpectedVersionException;
import io.eventline.proto.v1.ErrorReason;
import io.eventline.proto.v1.ErrorReasons;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failed call into the SDK's exceptions, reading the server's {@code google.rpc.ErrorInfo} where it sent one. */
final class ErrorTranslator {
    private ErrorTranslator() {
    }

    /** The failure itself, without the {@link CompletionException} and {@link ExecutionException} layers futures put around it. */
    public static Throwable cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static RuntimeException translate(Throwable error) {
        Throwable cause = cause(error);
        if (cause instanceof EventlineException translated) {
            return translated;
        }
        if (!(cause instanceof StatusRuntimeException) && !(cause instanceof StatusException) && cause instanceof RuntimeException other) {
            // not a failed call (e.g. a bug in a continuation): keep it as it is
            return other;
        }
        Status status = Status.fromThrowable(cause);
        String message = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        Optional<ErrorInfo> info = errorInfo(cause);
        ErrorReason reason = info.flatMap(found -> ErrorReasons.fromWireName(found.getReason())).orElse(ErrorReason.ERROR_REASON_UNSPECIFIED);
        return switch (status.getCode()) {
            case ABORTED -> reason == ErrorReason.ERROR_REASON_WRONG_EXPECTED_VERSION
                    ? wrongExpectedVersion(info.get(), message, cause)
                    : new EventlineException(status.getCode(), message, cause);
            case ALREADY_EXISTS -> reason == ErrorReason.ERROR_REASON_EVENT_ID_CONFLICT
                    ? new EventIdConflictException(message, cause)
                    : new EventlineException(status.getCode(), message, cause);
            case FAILED_PRECONDITION -> reason == ErrorReason.ERROR_REASON_STREAM_DELETED
                    ? new StreamDeletedException(message, cause)
                    : new EventlineException(status.getCode(), message, cause);
            case NOT_FOUND -> new NotFoundException(message, cause);
            default -> new EventlineException(status.getCode(), message, cause);
        };
    }

    private static WrongExpectedVersionException wrongExpectedVersion(ErrorInfo info, String message, Throwable cause) {
        long actual;
        try {
            actual = Long.parseLong(info.getMetadataOrDefault("actual", "-1"));
        }
        catch (NumberFormatException e) {
            actual = -1;
        }
        return new WrongExpectedVersionException(info.getMetadataOrDefault("stream", ""), info.getMetadataOrDefault("expected", ""), actual, message, cause);
    }

    private static Optional<ErrorInfo> errorInfo(Throwable error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    return Optional.of(detail.unpack(ErrorInfo.class));
                }
                catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
