package io.eventline.loadtest.operation;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.grpc.RpcOutcomes;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ExpectedVersion;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The contended scenario's writer: appends one event to one of a few streams with an exact expected
 * version. On ABORTED (WRONG_EXPECTED_VERSION) it takes the actual version from the ErrorInfo and
 * tries again, as a client of the API would.
 */
public final class ContendedEventlineAppend implements Operation {
    private final ChannelPool channels;
    private final String streamPrefix;
    private final KnownVersions known;
    private final EventFactory events;
    private final ContentionCounters counters;
    private final int maxAttempts;
    private final Duration timeout;

    public ContendedEventlineAppend(ChannelPool channels, String streamPrefix, KnownVersions known, EventFactory events,
            ContentionCounters counters, int maxAttempts, Duration timeout) {
        this.channels = requireNonNull(channels, "channels is null");
        this.streamPrefix = requireNonNull(streamPrefix, "streamPrefix is null");
        this.known = requireNonNull(known, "known is null");
        this.events = requireNonNull(events, "events is null");
        this.counters = requireNonNull(counters, "counters is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        int stream = ThreadLocalRandom.current().nextInt(known.streams());
        // one event, the same on every attempt: a retry of the same append
        return attempt(slot, stream, events.events(1), 1);
    }

    private CompletableFuture<Outcome> attempt(int slot, int stream, List<EventData> batch, int attempt) {
        long expected = known.get(stream);
        AppendEventsRequest request = AppendEventsRequest.newBuilder()
                .setStream(streamPrefix + stream)
                .setExpectedVersion(ExpectedVersion.newBuilder().setExact(expected))
                .addAllEvents(batch)
                .build();
        CompletableFuture<AppendEventsResponse> reply = new CompletableFuture<>();
        EventStoreServiceGrpc.newStub(channels.forSlot(slot)).withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .appendEvents(request, new StreamObserver<>() {
                    @Override
                    public void onNext(AppendEventsResponse response) {
                        reply.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        reply.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        // the response has completed the reply already
                    }
                });
        return reply.handle((response, error) -> {
            if (error == null) {
                known.advanceTo(stream, response.getLastVersion());
                counters.success();
                return CompletableFuture.completedFuture(Outcome.ok(1));
            }
            OptionalLong actual = actualVersion(error);
            if (actual.isEmpty()) {
                return CompletableFuture.completedFuture(RpcOutcomes.failed(error));
            }
            counters.conflict();
            known.advanceTo(stream, actual.getAsLong());
            if (attempt >= maxAttempts) {
                counters.gaveUp();
                return CompletableFuture.completedFuture(RpcOutcomes.failed(error));
            }
            counters.retry();
            return attempt(slot, stream, batch, attempt + 1);
        }).thenCompose(next -> next);
    }

    /** The stream's actual version from an ABORTED reply's ErrorInfo; empty for any other failure. */
    static OptionalLong actualVersion(Throwable error) {
        if (Status.fromThrowable(error).getCode() != Status.Code.ABORTED) {
            return OptionalLong.empty();
        }
        com.google.rpc.Status details = StatusProto.fromThrowable(error);
        if (details == null) {
            return OptionalLong.empty();
        }
        for (Any detail : details.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    String actual = detail.unpack(ErrorInfo.class).getMetadataMap().get("actual");
                    if (actual != null) {
                        return OptionalLong.of(Long.parseLong(actual));
                    }
                }
                catch (InvalidProtocolBufferException | NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
