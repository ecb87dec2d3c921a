package io.eventline.server.faults;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadDirection;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.RecordedEvent;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A reader beside the appenders, on a thread of its own: in turn, one of the appenders' streams read
 * whole (its versions must run 1..n) and the newest page of $all read backwards. A read refused as
 * UNAVAILABLE or cut by its deadline (Redis restarting) is counted and the next one goes on; any
 * other error, or a gap, is a problem.
 */
final class ReadLoad implements AutoCloseable {
    private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration PACE = Duration.ofMillis(20);
    private static final int ALL_PAGE = 200;

    /** Reads done, reads refused for a while, and everything wrong seen. */
    record Result(long reads, long refused, List<String> problems) {
    }

    private final EventStoreServiceGrpc.EventStoreServiceBlockingStub events;
    private final int appenders;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<Result> running;
    private volatile boolean stopping;

    private ReadLoad(Channel channel, int appenders) {
        this.events = EventStoreServiceGrpc.newBlockingStub(requireNonNull(channel, "channel is null"));
        this.appenders = appenders;
        this.running = thread.submit(this::readUntilStopped);
    }

    /** @param appenders how many appenders write, so which streams exist ({@link Appender}'s names) */
    static ReadLoad start(Channel channel, int appenders) {
        return new ReadLoad(channel, appenders);
    }

    private Result readUntilStopped() throws InterruptedException {
        long reads = 0;
        long refused = 0;
        List<String> problems = new ArrayList<>();
        while (!stopping) {
            try {
                if (reads % 2 == 0) {
                    String stream = "fault-" + ThreadLocalRandom.current().nextInt(appenders) + "x" + ThreadLocalRandom.current().nextInt(Appender.STREAMS);
                    checkGapFree(stream, read(ReadStreamRequest.newBuilder().setStream(stream).build()), problems);
                }
                else {
                    read(ReadStreamRequest.newBuilder().setStream(StoreReader.ALL).setDirection(ReadDirection.READ_DIRECTION_BACKWARD).setMaxCount(ALL_PAGE).build());
                }
                reads++;
            }
            catch (StatusRuntimeException e) {
                if (!TRANSIENT.contains(e.getStatus().getCode())) {
                    problems.add("a read failed: " + e.getStatus());
                }
                refused++;
            }
            Thread.sleep(PACE.toMillis());
        }
        return new Result(reads, refused, List.copyOf(problems));
    }

    private List<RecordedEvent> read(ReadStreamRequest request) {
        List<RecordedEvent> read = new ArrayList<>();
        events.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).readStream(request)
                .forEachRemaining(response -> read.addAll(response.getEventsList()));
        return read;
    }

    private static void checkGapFree(String stream, List<RecordedEvent> read, List<String> problems) {
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).getVersion() != i + 1) {
                problems.add("a read of " + stream + " has version " + read.get(i).getVersion() + " at index " + i);
                return;
            }
        }
    }

    /** Stops reading and returns what the reads saw. */
    Result stop() throws Exception {
        stopping = true;
        return running.get(DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stopping = true;
        thread.shutdownNow();
    }
}
