package io.eventline.server.store.append;

import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.RedisCommandFaults;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reconnecting Redis client re-sends the append script whose reply it lost. Ids the server assigns
 * are fixed before the first send, so the re-sent script finds them stored and appends nothing twice.
 */
@Timeout(60)
@ExtendWith(RedisExtension.class)
class EventAppenderResendTest {
    private static final StoreLimits LIMITS = new StoreLimits(100, 64 * 1024, 256 * 1024, 16);

    private RedisConnection connection;
    private StoreKeys keys;

    @BeforeEach
    void connect(TestRedis redis) {
        connection = redis.connect();
        keys = new StoreKeys(redis.newNamespace(), redis.partitions());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    static Stream<ExpectedVersion> expectations() {
        return Stream.of(new ExpectedVersion.Any(), new ExpectedVersion.NoStream(), new ExpectedVersion.Exact(0));
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void aResentAppendWithServerAssignedIdsIsWrittenOnce(ExpectedVersion expected) {
        RedisClusterAsyncCommands<byte[], byte[]> resending = RedisCommandFaults.resending(connection.commands(), Set.of("evalsha", "eval"));
        EventAppender appender = new EventAppender(keys, new AppendValidator(LIMITS), new EventEntryCodec(), LIMITS.dedupWindow(), GroupCommitLimits.DEFAULTS,
                new EventlineMetrics(new SimpleMeterRegistry()), ReplicationWait.none(resending));
        String stream = "order-" + expected.kind();

        AppendResult result = appender.append(new AppendRequest(stream, expected, List.of(serverIdentified("OrderPlaced"), serverIdentified("OrderPaid"))))
                .join();

        assertEquals(1, result.firstVersion());
        assertEquals(2, result.lastVersion());
        byte[] streamKey = keys.locate(StreamName.parse(stream, "stream")).streamKey();
        assertEquals(2L, connection.commands().xlen(streamKey).toCompletableFuture().join(), "events stored once");
    }

    private static NewEvent serverIdentified(String type) {
        return new NewEvent("", type, type.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    }
}
