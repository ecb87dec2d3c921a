package io.eventline.server.store.append;

import io.eventline.server.concurrent.AsyncFailures;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.AppendQueueFullException;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.WrongExpectedVersionException;
import io.eventline.server.testing.RedisCommandFaults;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit against a real Redis: the script call in flight is held until the test releases it,
 * so which appends wait and share the next call is decided by the code path, not by timing.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(RedisExtension.class)
class EventAppenderGroupCommitTest {
    private static final GroupCommitLimits ONE_CALL_IN_FLIGHT = new GroupCommitLimits(1, 1000, 4 * 1024 * 1024, 100_000, 64 * 1024 * 1024);
    private static final StoreLimits LIMITS = new StoreLimits(100, 64 * 1024, 256 * 1024, 16);

    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final AtomicInteger scriptCalls = new AtomicInteger();
    private RedisConnection connection;
    private StoreKeys keys;

    @BeforeEach
    void connect(TestRedis redis) {
        connection = redis.connect();
        keys = new StoreKeys(redis.newNamespace(), redis.partitions());
    }

    @AfterEach
    void close() {
        release.complete(null);
        connection.close();
    }

    @Test
    void aLoneAppendIsSentAtOnce() {
        EventAppender appender = appender(ONE_CALL_IN_FLIGHT);

        CompletableFuture<AppendResult> lone = appender.append(new AppendRequest("order-1", new ExpectedVersion.Any(), List.of(event())));

        assertEquals(1, scriptCalls.get(), "sent before anything completed: nothing waits for company");
        assertFalse(lone.isDone());
        release.complete(null);
        assertEquals(1, lone.join().lastVersion());
    }

    @Test
    void appendsArrivingWhileACallIsInFlightShareTheNextCallAndEachGetsItsOwnAnswer() {
        EventAppender appender = appender(ONE_CALL_IN_FLIGHT);
        List<CompletableFuture<AppendResult>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(appender.append(new AppendRequest("order-2", new ExpectedVersion.Any(), List.of(event(), event()))));
        }

        release.complete(null);

        for (int i = 0; i < 20; i++) {
            AppendResult result = results.get(i).join();
            assertEquals(2L * i + 1, result.firstVersion());
            assertEquals(2L * i + 2, result.lastVersion());
            assertEquals(2, result.positions().size());
        }
        assertEquals(2, scriptCalls.get(), "the first append alone, then the 19 that waited in one call");
        assertEquals(40L, streamLength("order-2"));
    }

    @Test
    void aCallCarriesNoMoreThanItsCapsAndTheRestFollowInTheNextCalls() {
        EventAppender appender = appender(new GroupCommitLimits(1, 4, 1024 * 1024, 1000, 1024 * 1024));
        List<CompletableFuture<AppendResult>> results = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(appender.append(new AppendRequest("order-3", new ExpectedVersion.Any(), List.of(event(), event()))));
        }

        release.complete(null);

        results.forEach(CompletableFuture::join);
        assertEquals(5, scriptCalls.get(), "1 alone, then 8 waiting appends of 2 events, 2 per call of at most 4 events");
        assertEquals(18L, streamLength("order-3"));
    }

    @Test
    void aRefusedAppendInACallRefusesOnlyItself() {
        EventAppender appender = appender(ONE_CALL_IN_FLIGHT);
        CompletableFuture<AppendResult> first = appender.append(new AppendRequest("order-4", new ExpectedVersion.Any(), List.of(event())));
        CompletableFuture<AppendResult> before = appender.append(new AppendRequest("order-4", new ExpectedVersion.Exact(1), List.of(event())));
        CompletableFuture<AppendResult> wrong = appender.append(new AppendRequest("order-4", new ExpectedVersion.Exact(1), List.of(event())));
        CompletableFuture<AppendResult> after = appender.append(new AppendRequest("order-4", new ExpectedVersion.Exact(2), List.of(event(), event())));

        release.complete(null);

        assertEquals(1, first.join().lastVersion());
        assertEquals(2, before.join().lastVersion());
        CompletionException refused = assertThrows(CompletionException.class, wrong::join);
        WrongExpectedVersionException mismatch = assertInstanceOf(WrongExpectedVersionException.class, AsyncFailures.cause(refused));
        assertEquals(2, mismatch.actual());
        assertEquals(4, after.join().lastVersion());
        assertEquals(2, scriptCalls.get());
        assertEquals(4L, streamLength("order-4"));
    }

    @Test
    void aRetryInTheSameCallAsItsOriginalSeesItsWritesAndIsDeduplicated() {
        EventAppender appender = appender(ONE_CALL_IN_FLIGHT);
        appender.append(new AppendRequest("order-5", new ExpectedVersion.Any(), List.of(event())));
        AppendRequest request = new AppendRequest("order-5", new ExpectedVersion.Any(), List.of(event(), event()));
        CompletableFuture<AppendResult> original = appender.append(request);
        CompletableFuture<AppendResult> retry = appender.append(request);

        release.complete(null);

        assertFalse(original.join().deduplicated());
        assertTrue(retry.join().deduplicated());
        assertEquals(original.join().positions(), retry.join().positions());
        assertEquals(2, scriptCalls.get());
        assertEquals(3L, streamLength("order-5"));
    }

    @Test
    void pastTheQueueCapAnAppendIsRefusedAndNothingOfItIsWritten() {
        EventAppender appender = appender(new GroupCommitLimits(1, 1000, 1024 * 1024, 2, 1024 * 1024));
        CompletableFuture<AppendResult> inFlight = appender.append(new AppendRequest("order-6", new ExpectedVersion.Any(), List.of(event())));
        CompletableFuture<AppendResult> waiting = appender.append(new AppendRequest("order-6", new ExpectedVersion.Any(), List.of(event(), event())));

        String samePartition = streamInPartitionOf("order-6");
        CompletableFuture<AppendResult> refused = appender.append(new AppendRequest(samePartition, new ExpectedVersion.Any(), List.of(event())));
        release.complete(null);

        CompletionException failure = assertThrows(CompletionException.class, refused::join);
        assertInstanceOf(AppendQueueFullException.class, AsyncFailures.cause(failure));
        assertEquals(3, waiting.join().lastVersion());
        assertEquals(1, inFlight.join().lastVersion());
        assertEquals(0L, streamLength(samePartition));
        assertEquals(2, scriptCalls.get());
    }

    private EventAppender appender(GroupCommitLimits limits) {
        return new EventAppender(keys, new AppendValidator(LIMITS), new EventEntryCodec(), LIMITS.dedupWindow(), limits,
                new EventlineMetrics(new SimpleMeterRegistry()),
                ReplicationWait.none(RedisCommandFaults.held(connection.commands(), "evalsha", release, scriptCalls)));
    }

    /** Another stream whose appends queue with {@code stream}'s (on a store of several partitions too). */
    private String streamInPartitionOf(String stream) {
        int partition = partitionOf(stream);
        for (int i = 0; ; i++) {
            String other = "invoice-" + i;
            if (partitionOf(other) == partition) {
                return other;
            }
        }
    }

    private int partitionOf(String stream) {
        return keys.locate(StreamName.parse(stream, "stream")).partition();
    }

    private long streamLength(String stream) {
        return connection.commands().xlen(keys.locate(StreamName.parse(stream, "stream")).streamKey()).toCompletableFuture().join();
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID().toString(), "OrderNoted", "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    }
}
