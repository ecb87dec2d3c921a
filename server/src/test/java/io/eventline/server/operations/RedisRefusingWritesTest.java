package io.eventline.server.operations;

import com.google.protobuf.ByteString;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.testing.LogCapture;
import io.eventline.server.testing.RunningServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Redis that refuses writes until an operator acts gives clients a documented status and message:
 * RESOURCE_EXHAUSTED when it reached maxmemory (OOM), UNAVAILABLE when it cannot persist (MISCONF).
 * Each test starts a Redis of its own, since it breaks it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisRefusingWritesTest {
    private Path data;
    private EmbeddedRedis redis;
    private RedisConnection admin;
    private RedisClusterAsyncCommands<byte[], byte[]> commands;
    private RunningServer server;
    private EventStoreServiceGrpc.EventStoreServiceBlockingStub events;

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("eventline-refusing-redis");
        redis = EmbeddedRedis.start(new RedisBinaryLocator(false, "").locate(), data, 0, "everysec", 1024);
        admin = RedisConnection.open(redis.uri(), Duration.ofSeconds(10));
        commands = admin.commands();
        server = RunningServer.start(redis.uri(), "refusing");
        events = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        // let it shut down cleanly: a valid directory and no save points
        config("dir", data.toString());
        config("save", "");
        config("maxmemory", "0");
        admin.close();
        redis.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aRedisAtMaxmemoryIsResourceExhaustedWithWhatTheOperatorMustDo() {
        long used = Long.parseLong(info("memory", "used_memory"));
        config("maxmemory-policy", "noeviction");
        config("maxmemory", Long.toString(used + 2 * 1024 * 1024));

        StatusRuntimeException refused = appendUntilRefused();

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode(), refused.getStatus()::toString);
        assertTrue(refused.getStatus().getDescription().contains("maxmemory"), refused.getStatus()::getDescription);
    }

    @Test
    void aRedisThatCannotPersistIsUnavailableWithWhatTheOperatorMustDo() throws Exception {
        Path gone = Files.createTempDirectory("eventline-gone");
        config("save", "3600 1");
        config("stop-writes-on-bgsave-error", "yes");
        config("dir", gone.toString());
        Files.delete(gone);
        commands.bgsave().toCompletableFuture().join();
        awaitBgsaveFailed();

        try (LogCapture logs = LogCapture.start()) {
            StatusRuntimeException refused = appendUntilRefused();
            appendUntilRefused();

            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.getStatus()::toString);
            assertTrue(refused.getStatus().getDescription().contains("free disk space"), refused.getStatus()::getDescription);
            assertEquals(1, logs.warnings().stream().filter(line -> line.contains("cannot persist")).count(), logs.warnings()::toString);
            assertEquals(List.of(), logs.stackTraces());
        }
    }

    private StatusRuntimeException appendUntilRefused() {
        EventData big = EventData.newBuilder().setType("Big").setData(ByteString.copyFrom(new byte[64 * 1024])).build();
        for (int i = 0; i < 200; i++) {
            try {
                events.appendEvents(append("order-" + i, any(), big));
            }
            catch (StatusRuntimeException refused) {
                return refused;
            }
        }
        return fail("200 appends of 64 KiB were not refused");
    }

    private void awaitBgsaveFailed() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if ("err".equals(info("persistence", "rdb_last_bgsave_status"))) {
                return;
            }
            Thread.sleep(50);
        }
        fail("BGSAVE into a deleted directory did not fail");
    }

    /** One setting at a time: Redis 6.2 takes one per CONFIG SET. */
    private void config(String name, String value) {
        commands.configSet(name, value).toCompletableFuture().join();
    }

    private String info(String section, String field) {
        String text = commands.info(section).toCompletableFuture().join();
        return text.lines().filter(line -> line.startsWith(field + ":")).map(line -> line.substring(field.length() + 1).trim())
                .findFirst().orElseThrow();
    }
}
