package io.eventline.server.faults;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's Redis connections cut with CLIENT KILL under load, a few times per round: all of them (the
 * shared connection, the log tailer's blocking one, the health check's), then only the log tailer's
 * (the one that runs the blocking XREAD), in turn. Appends are retried safely, subscriptions resume,
 * every event is acked by every group and nothing stays pending.
 */
@Tag("fault")
@Timeout(600)
class ClientKillFaultTest {
    @Test
    void cutRedisConnectionsLoseAndStrandNothing(@TempDir Path redisData) throws Exception {
        SingleServerFaultRun.run("client-kill", redisData, redis -> new RepeatedFault("connections-killed", 4, Duration.ofMillis(250),
                time -> time % 2 == 0 ? killAllButOwn(redis.admin()) : killTailer(redis.admin()))).assertInvariantsHeld();
    }

    private static long killAllButOwn(RedisCommands<String, String> admin) {
        return admin.clientKill(KillArgs.Builder.typeNormal().skipme());
    }

    /** The log tailer's connection: the only one that runs XREAD (blocking). */
    private static long killTailer(RedisCommands<String, String> admin) {
        long killed = 0;
        for (String client : admin.clientList().split("\n")) {
            if (client.contains(" cmd=xread ")) {
                killed += admin.clientKill(KillArgs.Builder.id(Long.parseLong(field(client, "id"))));
            }
        }
        return killed;
    }

    private static String field(String client, String name) {
        for (String pair : client.trim().split(" ")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("CLIENT LIST line without " + name + ": " + client);
    }
}
