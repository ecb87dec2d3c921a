package io.eventline.server.faults;

import com.google.protobuf.ByteString;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ExpectedVersion;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * One gRPC client appending batches of 1..3 events with ids it chose to its own streams, each with the
 * exact expected version. An append refused as UNAVAILABLE or cut by its deadline is sent again,
 * the very same request, until acknowledged: if the first try was written, the retry is answered
 * from it (deduplicated), which is what the fault tests check.
 */
final class Appender implements Callable<AppendLedger> {
    static final int STREAMS = 3;
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
    private static final Duration ATTEMPT_DEADLINE = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** Between appends: keeps the load steady without starving the consumers of the two cores. */
    private static final Duration PACE = Duration.ofMillis(5);

    private final EventStoreServiceGrpc.EventStoreServiceBlockingStub events;
    private final int number;
    private final BooleanSupplier stopping;
    private final BooleanSupplier givenUp;
    private final AtomicLong acknowledgedEvents;
    private final AppendLedger ledger = new AppendLedger();
    private final long[] versions = new long[STREAMS];

    /**
     * @param stopping when to start no new append
     * @param givenUp when to stop retrying an append that is still not acknowledged
     * @param acknowledgedEvents counts acknowledged events across appenders, for progress
     */
    Appender(Channel channel, int number, BooleanSupplier stopping, BooleanSupplier givenUp, AtomicLong acknowledgedEvents) {
        this.events = EventStoreServiceGrpc.newBlockingStub(requireNonNull(channel, "channel is null"));
        this.number = number;
        this.stopping = requireNonNull(stopping, "stopping is null");
        this.givenUp = requireNonNull(givenUp, "givenUp is null");
        this.acknowledgedEvents = requireNonNull(acknowledgedEvents, "acknowledgedEvents is null");
    }

    @Override
    public AppendLedger call() throws InterruptedException {
        for (int round = 0; !stopping.getAsBoolean(); round++) {
            int slot = round % STREAMS;
            String stream = "fault-" + number + "x" + slot;
            AppendEventsRequest request = batch(stream, versions[slot], round);
            List<String> ids = request.getEventsList().stream().map(EventData::getEventId).toList();
            ledger.attempted(stream, ids);
            AppendEventsResponse response = appendUntilAcknowledged(request);
            if (response == null) {
                return ledger;
            }
            versions[slot] = response.getLastVersion();
            ledger.acknowledged(ids);
            acknowledgedEvents.addAndGet(ids.size());
            Thread.sleep(PACE.toMillis());
        }
        return ledger;
    }

    /** The acknowledgement, or null when the store refused for good or retrying was given up. */
    private AppendEventsResponse appendUntilAcknowledged(AppendEventsRequest request) throws InterruptedException {
        while (true) {
            try {
                return events.withDeadlineAfter(ATTEMPT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).appendEvents(request);
            }
            catch (StatusRuntimeException e) {
                if (!RETRYABLE.contains(e.getStatus().getCode())) {
                    ledger.unexpected(request.getStream() + " at " + request.getExpectedVersion().getExact() + ": " + e.getStatus());
                    return null;
                }
                if (givenUp.getAsBoolean()) {
                    return null;
                }
                ledger.retried();
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private AppendEventsRequest batch(String stream, long version, int round) {
        int size = 1 + ThreadLocalRandom.current().nextInt(3);
        List<EventData> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String data = "{\"appender\":" + number + ",\"round\":" + round + ",\"index\":" + i + "}";
            batch.add(EventData.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setType("FaultTick")
                    .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                    .setContentType("application/json")
                    .build());
        }
        return AppendEventsRequest.newBuilder()
                .setStream(stream)
                .setExpectedVersion(ExpectedVersion.newBuilder().setExact(version))
                .addAllEvents(batch)
                .build();
    }
}
