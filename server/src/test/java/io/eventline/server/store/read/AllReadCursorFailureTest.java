package io.eventline.server.store.read;

import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.store.append.AppendRequest;
import io.eventline.server.store.append.AppendValidator;
import io.eventline.server.store.append.EventAppender;
import io.eventline.server.store.append.GroupCommitLimits;
import io.eventline.server.store.append.NewEvent;
import io.eventline.server.store.append.ReplicationWait;
import io.eventline.server.testing.RedisCommandFaults;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A $all read whose event reads fail (a dropped Redis connection) resumes where it was: no event is skipped. */
@Timeout(60)
@ExtendWith(RedisExtension.class)
class AllReadCursorFailureTest {
    private static final StoreLimits LIMITS = new StoreLimits(100, 64 * 1024, 256 * 1024, 16);
    private static final int PAGE_SIZE = 4;
    private static final int EVENTS = 10;

    @Test
    void aFailedPageIsReadAgainByTheNextCall(TestRedis redis) {
        try (RedisConnection connection = redis.connect()) {
            StoreKeys keys = new StoreKeys(redis.newNamespace(), redis.partitions());
            EventEntryCodec codec = new EventEntryCodec();
            List<String> appended = appendEvents(connection.commands(), keys, codec);
            RedisClusterAsyncCommands<byte[], byte[]> failing = RedisCommandFaults.failingOnce(connection.commands(), "xrange",
                    key -> !isLogKey(keys, key), new RedisException("Connection closed"));
            ReadCursor cursor = new EventReader(failing, keys, codec, Clock.systemUTC(), PAGE_SIZE)
                    .openAll(Collections.nCopies(keys.partitions(), Range.Boundary.unbounded()), Set.of());

            CompletionException failure = assertThrows(CompletionException.class, () -> cursor.next().join());
            assertEquals("Connection closed", failure.getCause().getMessage());

            List<String> read = new ArrayList<>();
            ReadPage page;
            do {
                page = cursor.next().join();
                page.events().stream().map(RecordedEvent::eventId).map(UUID::toString).forEach(read::add);
            }
            while (!page.last());
            assertEquals(appended.stream().sorted().toList(), read.stream().sorted().toList(), "every event once, none skipped");
        }
    }

    /** Appends {@link #EVENTS} events over three streams; returns their ids. */
    private static List<String> appendEvents(RedisClusterAsyncCommands<byte[], byte[]> commands, StoreKeys keys, EventEntryCodec codec) {
        EventAppender appender = new EventAppender(keys, new AppendValidator(LIMITS), codec, LIMITS.dedupWindow(), GroupCommitLimits.DEFAULTS,
                new EventlineMetrics(new SimpleMeterRegistry()), ReplicationWait.none(commands));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String id = UUID.randomUUID().toString();
            byte[] data = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            appender.append(new AppendRequest("order-" + i % 3, new ExpectedVersion.Any(), List.of(new NewEvent(id, "OrderNoted", data, "application/json", Map.of()))))
                    .join();
            ids.add(id);
        }
        return ids;
    }

    private static boolean isLogKey(StoreKeys keys, byte[] key) {
        for (int partition = 0; partition < keys.partitions(); partition++) {
            if (java.util.Arrays.equals(keys.logKey(partition), key)) {
                return true;
            }
        }
        return false;
    }
}
