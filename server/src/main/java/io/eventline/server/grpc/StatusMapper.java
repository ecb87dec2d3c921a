package io.eventline.server.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.eventline.server.store.EventIdConflictException;
import io.eventline.server.store.FailedPreconditionException;
import io.eventline.server.store.PermissionDeniedException;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.SnapshotNotFoundException;
import io.eventline.server.store.StreamDeletedException;
import io.eventline.server.store.StreamNotFoundException;
import io.eventline.server.store.StoreUnavailableException;
import io.eventline.server.store.subscribe.GroupExistsException;
import io.eventline.server.store.subscribe.GroupNotFoundException;
import io.eventline.server.store.WrongExpectedVersionException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.lettuce.core.RedisCommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletionException;

/** Turns store errors into gRPC statuses with rich details; anything unexpected is logged and INTERNAL. */
public final class StatusMapper {
    static final String DOMAIN = "eventline.io";
    private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);

    public StatusRuntimeException toStatus(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof InvalidArgumentException invalid) {
            BadRequest badRequest = BadRequest.newBuilder()
                    .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField(invalid.field())
                            .setDescription(invalid.getMessage()))
                    .build();
            return rich(Code.INVALID_ARGUMENT, invalid.getMessage(), Any.pack(badRequest));
        }
        if (cause instanceof WrongExpectedVersionException wrong) {
            ErrorInfo info = ErrorInfo.newBuilder()
                    .setReason("WRONG_EXPECTED_VERSION")
                    .setDomain(DOMAIN)
                    .putMetadata("stream", wrong.stream())
                    .putMetadata("expected", wrong.expected().describe())
                    .putMetadata("actual", Long.toString(wrong.actual()))
                    .build();
            return rich(Code.ABORTED, wrong.getMessage(), Any.pack(info));
        }
        if (cause instanceof EventIdConflictException conflict) {
            return rich(Code.ALREADY_EXISTS, conflict.getMessage(), Any.pack(reason("EVENT_ID_CONFLICT", conflict.stream())));
        }
        if (cause instanceof StreamDeletedException deleted) {
            return rich(Code.FAILED_PRECONDITION, deleted.getMessage(), Any.pack(reason("STREAM_DELETED", deleted.stream())));
        }
        if (cause instanceof StreamNotFoundException || cause instanceof SnapshotNotFoundException) {
            return Status.NOT_FOUND.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof GroupNotFoundException) {
            return Status.NOT_FOUND.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof PermissionDeniedException) {
            return Status.PERMISSION_DENIED.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof GroupExistsException) {
            return Status.ALREADY_EXISTS.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof StoreUnavailableException) {
            return Status.UNAVAILABLE.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof RedisCommandExecutionException && String.valueOf(cause.getMessage()).startsWith("NOGROUP")) {
            return Status.NOT_FOUND.withDescription("the consumer group was deleted: " + cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof FailedPreconditionException) {
            return Status.FAILED_PRECONDITION.withDescription(cause.getMessage()).asRuntimeException();
        }
        Optional<String> transientReason = TransientRedisError.describe(cause);
        if (transientReason.isPresent()) {
            log.warn("Redis unavailable: {}", cause.toString());
            return Status.UNAVAILABLE
                    .withDescription("the event store's Redis is unavailable: " + transientReason.get() + "; retry (an append with the same event ids is safe to retry)")
                    .withCause(cause)
                    .asRuntimeException();
        }
        log.error("Unexpected error", cause);
        return Status.INTERNAL.withDescription("internal error: " + cause).withCause(cause).asRuntimeException();
    }

    private static ErrorInfo reason(String reason, String stream) {
        return ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).putMetadata("stream", stream).build();
    }

    private static StatusRuntimeException rich(Code code, String message, Any detail) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(detail)
                .build());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
