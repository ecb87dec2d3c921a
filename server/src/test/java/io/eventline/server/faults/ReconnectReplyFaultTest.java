package io.eventline.server.faults;

import io.eventline.server.redis.RedisConnection;
import io.lettuce.core.KillArgs;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's shared connection cut with CLIENT KILL while it carries large replies (XRANGE of a few
 * hundred entries, as group reads are): a command that completes must complete with its own reply.
 * A command re-sent after the reconnect would get the second reply decoded on top of the part of the
 * first one that had arrived.
 */
@Tag("fault")
@Timeout(120)
class ReconnectReplyFaultTest {
    private static final int ENTRIES = 2000;
    private static final int IN_FLIGHT = 64;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final Duration KILL_EVERY = Duration.ofMillis(100);

    @Test
    void everyCompletedCommandHasItsOwnReply(@TempDir Path redisData) throws Exception {
        try (FaultRedis redis = FaultRedis.start(redisData);
             RedisConnection connection = RedisConnection.open(redis.uri(), Duration.ofSeconds(2))) {
            RedisClusterAsyncCommands<byte[], byte[]> commands = connection.commands();
            byte[] key = utf8("entries");
            for (int number = 1; number <= ENTRIES; number++) {
                commands.xadd(key, new XAddArgs().id("0-" + number), Map.of(utf8("n"), utf8(number + "-" + "x".repeat(80)))).get();
            }
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicLong right = new AtomicLong();
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            long end = System.nanoTime() + LOAD.toNanos();
            Thread killer = new Thread(() -> killUntil(redis, end));
            killer.start();
            for (long read = 0; System.nanoTime() < end; read++) {
                inFlight.acquire();
                int from = (int) (1 + read * 37 % (ENTRIES - 500));
                int count = 200 + (int) (read % 300);
                commands.xrange(key, Range.create("0-" + from, "+"), Limit.from(count)).whenComplete((found, error) -> {
                    inFlight.release();
                    if (error == null) {
                        String problem = problem(found, from, count);
                        if (problem == null) {
                            right.incrementAndGet();
                        }
                        else {
                            wrong.add(problem);
                        }
                    }
                });
            }
            killer.join();
            inFlight.acquire(IN_FLIGHT);
            assertTrue(right.get() > 0, "no XRANGE completed");
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + (right.get() + wrong.size()) + " XRANGE replies were not their own, e.g. "
                    + wrong.peek());
        }
    }

    /** What is wrong with the reply to XRANGE from 0-{@code from} with COUNT {@code count}, or null. */
    private static String problem(List<StreamMessage<byte[], byte[]>> found, int from, int count) {
        if (found.size() != count) {
            return "from 0-" + from + " count " + count + ": " + found.size() + " entries";
        }
        for (int index = 0; index < found.size(); index++) {
            StreamMessage<byte[], byte[]> entry = found.get(index);
            String fields = entry.getBody().values().stream().map(value -> new String(value, StandardCharsets.UTF_8)).toList().toString();
            if (!entry.getId().equals("0-" + (from + index)) || entry.getBody().size() != 1 || !fields.startsWith("[" + (from + index) + "-")) {
                return "from 0-" + from + " count " + count + ": entry " + index + " is " + entry.getId() + " with " + fields;
            }
        }
        return null;
    }

    private static void killUntil(FaultRedis redis, long end) {
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(KILL_EVERY.toMillis());
            }
            catch (InterruptedException e) {
                return;
            }
            redis.admin().clientKill(KillArgs.Builder.typeNormal().skipme());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
