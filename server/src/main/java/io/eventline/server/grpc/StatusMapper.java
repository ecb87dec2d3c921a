package io.eventline.server.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.eventline.proto.v1.ErrorReason;
import io.eventline.proto.v1.ErrorReasons;
import io.eventline.server.store.AppendQueueFullException;
import io.eventline.server.store.EventIdConflictException;
import io.eventline.server.store.FailedPreconditionException;
import io.eventline.server.store.PermissionDeniedException;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.SnapshotNotFoundException;
import io.eventline.server.store.StreamDeletedException;
import io.eventline.server.store.StreamNotFoundException;
import io.eventline.server.store.StoreFailure;
import io.eventline.server.store.StoreUnavailableException;
import io.eventline.server.store.subscribe.GroupExistsException;
import io.eventline.server.store.subscribe.GroupNotFoundException;
import io.eventline.server.store.WrongExpectedVersionException;
import io.eventline.server.concurrent.AsyncFailures;
import io.eventline.server.concurrent.RateLimitedLog;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Turns store errors into gRPC statuses with rich details. Redis failures that repeat during an outage
 * are logged at most once a minute each; anything unexpected is logged in full and INTERNAL.
 */
public final class StatusMapper {
    static final String DOMAIN = "eventline.io";
    private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    private final RateLimitedLog warnings = new RateLimitedLog(log, WARNING_INTERVAL);

    public StatusRuntimeException toStatus(Throwable error) {
        if (AsyncFailures.cause(error) instanceof StatusRuntimeException status) {
            return status;
        }
        StoreFailure failure = StoreFailure.of(error);
        return switch (failure.kind()) {
            case REFUSED -> refused(failure.cause());
            case GROUP_DELETED -> Status.NOT_FOUND.withDescription("the consumer group was deleted: " + failure.cause().getMessage()).asRuntimeException();
            case TRANSIENT -> {
                warnings.warn("transient", "Redis unavailable: " + failure.cause());
                yield Status.UNAVAILABLE
                        .withDescription("the event store's Redis is unavailable: " + failure.description() + "; retry (an append with the same event ids is safe to retry)")
                        .withCause(failure.cause())
                        .asRuntimeException();
            }
            case REDIS_CANNOT_PERSIST -> {
                warnings.warn("misconf", "Redis refuses writes, it cannot persist: " + failure.cause().getMessage());
                yield Status.UNAVAILABLE.withDescription(failure.description()).asRuntimeException();
            }
            case REDIS_OUT_OF_MEMORY -> {
                warnings.warn("oom", "Redis refuses writes, it reached maxmemory: " + failure.cause().getMessage());
                yield Status.RESOURCE_EXHAUSTED.withDescription(failure.description()).asRuntimeException();
            }
            case UNEXPECTED -> {
                log.error("Unexpected error", failure.cause());
                yield Status.INTERNAL.withDescription("internal error (logged by the server)").withCause(failure.cause()).asRuntimeException();
            }
        };
    }

    private static StatusRuntimeException refused(Throwable cause) {
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
                    .setReason(ErrorReasons.wireName(ErrorReason.ERROR_REASON_WRONG_EXPECTED_VERSION))
                    .setDomain(DOMAIN)
                    .putMetadata("stream", wrong.stream())
                    .putMetadata("expected", wrong.expected().describe())
                    .putMetadata("actual", Long.toString(wrong.actual()))
                    .build();
            return rich(Code.ABORTED, wrong.getMessage(), Any.pack(info));
        }
        if (cause instanceof EventIdConflictException conflict) {
            return rich(Code.ALREADY_EXISTS, conflict.getMessage(), Any.pack(reason(ErrorReason.ERROR_REASON_EVENT_ID_CONFLICT, conflict.stream())));
        }
        if (cause instanceof StreamDeletedException deleted) {
            return rich(Code.FAILED_PRECONDITION, deleted.getMessage(), Any.pack(reason(ErrorReason.ERROR_REASON_STREAM_DELETED, deleted.stream())));
        }
        if (cause instanceof StreamNotFoundException || cause instanceof SnapshotNotFoundException || cause instanceof GroupNotFoundException) {
            return Status.NOT_FOUND.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof PermissionDeniedException) {
            return Status.PERMISSION_DENIED.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof GroupExistsException) {
            return Status.ALREADY_EXISTS.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof AppendQueueFullException) {
            return Status.RESOURCE_EXHAUSTED.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof StoreUnavailableException) {
            return Status.UNAVAILABLE.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof FailedPreconditionException) {
            return Status.FAILED_PRECONDITION.withDescription(cause.getMessage()).asRuntimeException();
        }
        log.error("A store refusal without a status", cause);
        return Status.INTERNAL.withDescription("internal error (logged by the server)").asRuntimeException();
    }

    private static ErrorInfo reason(ErrorReason reason, String stream) {
        return ErrorInfo.newBuilder().setReason(ErrorReasons.wireName(reason)).setDomain(DOMAIN).putMetadata("stream", stream).build();
    }

    private static StatusRuntimeException rich(Code code, String message, Any detail) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(detail)
                .build());
    }
}
