package io.eventline.server.faults;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * redis-server (AOF, appendfsync always) killed with SIGKILL under append load and restarted on the
 * same port and data directory: no acknowledged append is lost, none is stored twice, versions stay
 * gap-free, and the consumer groups and the catch-up subscription get every event.
 */
@Tag("fault")
@Timeout(600)
class RedisKill9FaultTest {
    @Test
    void acknowledgedAppendsSurviveRedisKilledWithSigkill(@TempDir Path redisData) throws Exception {
        SingleServerFaultRun.run("redis-kill-9", redisData, redis -> round -> {
            redis.kill9();
            redis.restart();
        }).assertInvariantsHeld();
    }
}
