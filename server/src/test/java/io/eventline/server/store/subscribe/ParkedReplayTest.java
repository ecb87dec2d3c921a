package io.eventline.server.store.subscribe;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Replaying parked messages moves them in chunks of at most 1,000 per script call, however many a group parked. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParkedReplayTest {
    private RedisConnection connection;
    private RedisClusterAsyncCommands<byte[], byte[]> redis;
    private byte[] parked;
    private byte[] replay;

    @BeforeEach
    void connect(TestRedis testRedis) {
        connection = testRedis.connect();
        redis = connection.commands();
        String namespace = testRedis.newNamespace();
        parked = (namespace + ":{0}:parked").getBytes(StandardCharsets.UTF_8);
        replay = (namespace + ":{0}:replay").getBytes(StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() {
        redis.del(parked, replay).toCompletableFuture().join();
        connection.close();
    }

    @Test
    void zeroMovesEverythingAcrossChunks() {
        park(2_500);

        assertEquals(2_500, new ParkedReplay(redis).move(parked, replay, 0).join());
        assertEquals(0, redis.xlen(parked).toCompletableFuture().join());
        assertEquals(2_500, redis.xlen(replay).toCompletableFuture().join());
    }

    @Test
    void aMaxCountAcrossAChunkBoundaryMovesThatMany() {
        park(2_500);

        assertEquals(1_500, new ParkedReplay(redis).move(parked, replay, 1_500).join());
        assertEquals(1_000, redis.xlen(parked).toCompletableFuture().join());
    }

    @Test
    void theScriptRefusesAnUnboundedCount() {
        park(3);
        RedisScript script = RedisScript.fromResource(ParkedReplay.class, "replay_parked.lua");

        CompletionException error = assertThrows(CompletionException.class,
                () -> script.run(redis, new byte[][] {parked, replay}, "0".getBytes(StandardCharsets.US_ASCII)).join());

        assertInstanceOf(RedisCommandExecutionException.class, error.getCause());
        assertEquals(3, redis.xlen(parked).toCompletableFuture().join());
    }

    private void park(int count) {
        CompletableFuture<?>[] adds = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            Map<byte[], byte[]> pointer = Map.of(ascii("s"), ascii("order-1"), ascii("v"), ascii(Integer.toString(i + 1)), ascii("t"), ascii("Placed"));
            adds[i] = redis.xadd(parked, pointer).toCompletableFuture();
        }
        CompletableFuture.allOf(adds).join();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
