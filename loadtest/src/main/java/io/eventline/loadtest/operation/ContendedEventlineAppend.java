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
    private final ConflictRetries retries;
    private final Duration timeout;

    public ContendedEventlineAppend(ChannelPool channels, String streamPrefix, KnownVersions known, EventFactory events,
            ConflictRetries retries, Duration timeout) {
        this.channels = requireNonNull(channels, "channels is null");
        this.streamPrefix = requireNonNull(streamPrefix, "streamPrefix is null");
        this.known = requireNonNull(known, "known is null");
        this.events = requireNonNull(events, "events is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        int stream = ThreadLocalRandom.current().nextInt(known.streams());
        // one event, the same on every attempt: a retry of the same append
        List<EventData> batch = events.events(1);
        return retries.run(attempt -> attempt(slot, stream, batch));
    }

    private CompletableFuture<AttemptResult> attempt(int slot, int stream, List<EventData> batch) {
        AppendEventsRequest request = AppendEventsRequest.newBuilder()
                .setStream(streamPrefix + stream)
                .setExpectedVersion(ExpectedVersion.newBuilder().setExact(known.get(stream)))
                .addAllEvents(batch)
                .build();
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        EventStoreServiceGrpc.newStub(channels.forSlot(slot)).withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .appendEvents(request, new StreamObserver<>() {
                    @Override
                    public void onNext(AppendEventsResponse response) {
                        known.advanceTo(stream, response.getLastVersion());
                        result.complete(AttemptResult.committed());
                    }

                    @Override
                    public void onError(Throwable error) {
                        OptionalLong actual = actualVersion(error);
                        actual.ifPresent(version -> known.advanceTo(stream, version));
                        result.complete(actual.isPresent()
                                ? AttemptResult.conflict(RpcOutcomes.failed(error))
                                : AttemptResult.failed(RpcOutcomes.failed(error)));
                    }

                    @Override
                    public void onCompleted() {
                        // onNext has completed the result already
                    }
                });
        return result;
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
