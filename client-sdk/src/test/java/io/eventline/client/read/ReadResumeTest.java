package io.eventline.client.read;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.eventline.client.Backoff;
import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.RetryPolicy;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadDirection;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A read that loses its call midway continues just after the last event it handed out, against a
 * hand-written in-process server that drops the call after its first page.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadResumeTest {
    private static final int EVENTS = 10;
    private static final int PAGE = 3;

    private final FlakyReadService service = new FlakyReadService();
    private Server server;
    private EventlineClient client;

    private void start(int failingCalls, int pagesBeforeFailure) throws IOException {
        service.failingCalls = failingCalls;
        service.pagesBeforeFailure = pagesBeforeFailure;
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
        client = EventlineClient.builder()
                .channelBuilder(InProcessChannelBuilder.forName(name))
                .retryPolicy(new RetryPolicy(3, new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 2)))
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aForwardReadResumesAfterTheLastVersionHandedOut() throws IOException {
        start(1, 1);

        assertEquals(versions(1, 10), read("order-1", ReadOptions.forwards()));
        assertEquals(2, service.requests.size());
        assertEquals(PAGE + 1, service.requests.get(1).getFromVersion());
    }

    @Test
    void aLimitedReadAsksOnlyForWhatIsLeft() throws IOException {
        start(1, 1);

        assertEquals(versions(1, 5), read("order-1", ReadOptions.forwards().maxCount(5)));
        assertEquals(2, service.requests.get(1).getMaxCount());
    }

    @Test
    void aBackwardReadResumesBeforeTheLastVersionHandedOut() throws IOException {
        start(1, 1);

        List<Long> expected = new ArrayList<>(versions(1, 10));
        Collections.reverse(expected);
        assertEquals(expected, read("order-1", ReadOptions.backwards()));
        assertEquals(EVENTS - PAGE, service.requests.get(1).getFromVersion());
    }

    @Test
    void anAllReadResumesAtTheLastPositionWithoutRepeatingIt() throws IOException {
        start(1, 1);

        assertEquals(versions(1, 10), read("$all", ReadOptions.forwards()));
        assertEquals(position(PAGE), service.requests.get(1).getFromPosition());
    }

    @Test
    void givesUpWhenTheServerFailsAgainAndAgainWithoutProgress() throws IOException {
        start(Integer.MAX_VALUE, 0);

        try (Stream<RecordedEvent> events = client.read("order-1", ReadOptions.forwards())) {
            EventlineException failure = assertThrows(EventlineException.class, events::toList);
            assertEquals(Status.Code.UNAVAILABLE, failure.code());
        }
        assertEquals(3, service.requests.size(), "the retry policy's three attempts");
    }

    private List<Long> read(String stream, ReadOptions options) {
        try (Stream<RecordedEvent> events = client.read(stream, options)) {
            return events.map(RecordedEvent::version).toList();
        }
    }

    private static List<Long> versions(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(Long::valueOf).toList();
    }

    private static String position(long version) {
        return "0:1000-" + version;
    }

    /**
     * Serves versions 1..10 of one stream (also as $all) in pages of 3; the first {@code failingCalls}
     * calls fail with UNAVAILABLE after {@code pagesBeforeFailure} pages.
     */
    private static final class FlakyReadService extends EventStoreServiceGrpc.EventStoreServiceImplBase {
        private final List<ReadStreamRequest> requests = new CopyOnWriteArrayList<>();
        private volatile int failingCalls;
        private volatile int pagesBeforeFailure;

        @Override
        public void readStream(ReadStreamRequest request, StreamObserver<ReadStreamResponse> observer) {
            requests.add(request);
            List<io.eventline.proto.v1.RecordedEvent> selected = select(request);
            boolean fail = requests.size() <= failingCalls;
            int pages = 0;
            for (int from = 0; from < selected.size(); from += PAGE) {
                if (fail && pages++ == pagesBeforeFailure) {
                    observer.onError(Status.UNAVAILABLE.withDescription("connection lost (simulated)").asRuntimeException());
                    return;
                }
                observer.onNext(ReadStreamResponse.newBuilder().addAllEvents(selected.subList(from, Math.min(selected.size(), from + PAGE))).build());
            }
            observer.onCompleted();
        }

        private static List<io.eventline.proto.v1.RecordedEvent> select(ReadStreamRequest request) {
            boolean backwards = request.getDirection() == ReadDirection.READ_DIRECTION_BACKWARD;
            List<io.eventline.proto.v1.RecordedEvent> events = new ArrayList<>();
            for (long version = 1; version <= EVENTS; version++) {
                boolean inRange = request.getStream().equals("$all")
                        ? request.getFromPosition().isEmpty() || version >= Long.parseLong(request.getFromPosition().substring("0:1000-".length()))
                        : request.getFromVersion() == 0 || (backwards ? version <= request.getFromVersion() : version >= request.getFromVersion());
                if (inRange) {
                    events.add(event(version));
                }
            }
            if (backwards) {
                Collections.reverse(events);
            }
            return request.getMaxCount() > 0 ? events.subList(0, (int) Math.min(events.size(), request.getMaxCount())) : events;
        }

        private static io.eventline.proto.v1.RecordedEvent event(long version) {
            return io.eventline.proto.v1.RecordedEvent.newBuilder()
                    .setStream("order-1")
                    .setVersion(version)
                    .setPosition(position(version))
                    .setEventId(UUID.nameUUIDFromBytes(Long.toString(version).getBytes()).toString())
                    .setType("Step")
                    .setData(ByteString.EMPTY)
                    .setRecordedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L + version))
                    .build();
        }
    }
}
