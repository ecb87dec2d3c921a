package io.eventline.server.faults;

import io.eventline.server.store.StoreKeys;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server instances, each a JVM of its own, serve the same consumer groups; instance A is killed
 * with SIGKILL mid-subscription while its slow consumers hold unacked deliveries. Instance B's
 * consumers reclaim them after the ack timeout (A stays down until they have), then A comes back;
 * every appended event is processed by every group and nothing stays pending.
 */
@Tag("fault")
@Timeout(900)
class ServerKill9FaultTest {
    private static final String NAMESPACE = "faults";
    private static final String DOOMED_CONSUMER = "on-a";
    /** A acks once a second, so a kill always finds deliveries it holds unacked. */
    private static final Duration SLOW_ACKS = Duration.ofSeconds(1);
    private static final Duration PROMPT_ACKS = Duration.ofMillis(100);
    /** How long B gets to reclaim A's deliveries: several ack timeouts (a bound, not a measurement). */
    private static final Duration RECLAIM_BOUND = Duration.ofSeconds(60);

    @Test
    void anotherInstanceRedeliversWhatAKilledInstanceHeld(@TempDir Path redisData, @TempDir Path logs) throws Exception {
        List<String> flags = new ArrayList<>(FaultRun.SERVER_FLAGS);
        try (FaultRedis redis = FaultRedis.start(redisData)) {
            flags.addAll(List.of("--redis.uri=" + redis.uri(), "--store.namespace=" + NAMESPACE));
            try (ServerProcess a = ServerProcess.start(logs.resolve("a.log"), flags);
                 ServerProcess b = ServerProcess.start(logs.resolve("b.log"), flags)) {
                List<ConsumerSite> sites = List.of(new ConsumerSite(DOOMED_CONSUMER, a.channel(), SLOW_ACKS),
                        new ConsumerSite("on-b", b.channel(), PROMPT_ACKS));
                InstanceKiller killer = new InstanceKiller(a, redis.admin());
                FaultSummary summary = new FaultRun("server-kill-9", FaultScale.fromSystemProperty(), FaultStore.singlePartition(redis.admin(), NAMESPACE), b.channel(), b.channel(), sites)
                        .run(killer);
                summary.assertInvariantsHeld();
                assertTrue(summary.details().get("pending-at-kill") > 0, "the kills caught deliveries in flight: " + summary.line());
                assertEquals(0L, summary.details().get("left-unclaimed"), "B reclaimed everything A held: " + summary.line());
            }
        }
    }

    /** Kills instance A, waits until B's consumers claimed what A's held, and starts A again. */
    private static final class InstanceKiller implements Fault {
        private final ServerProcess instance;
        private final RedisCommands<String, String> redis;
        private final String logKey = new String(new StoreKeys(NAMESPACE, 1).logKey(0), StandardCharsets.UTF_8);
        private long pendingAtKill;
        private long leftUnclaimed;

        InstanceKiller(ServerProcess instance, RedisCommands<String, String> redis) {
            this.instance = instance;
            this.redis = redis;
        }

        @Override
        public void strike(int round) throws Exception {
            instance.kill9();
            pendingAtKill += heldByDoomedConsumer();
            long deadline = System.nanoTime() + RECLAIM_BOUND.toNanos();
            while (heldByDoomedConsumer() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            leftUnclaimed += heldByDoomedConsumer();
            instance.restart();
        }

        private long heldByDoomedConsumer() {
            long held = 0;
            for (String group : FaultRun.GROUPS) {
                held += redis.xpending(logKey, Consumer.from(group, DOOMED_CONSUMER), Range.unbounded(), Limit.from(100_000)).size();
            }
            return held;
        }

        @Override
        public Map<String, Long> details() {
            return Map.of("pending-at-kill", pendingAtKill, "left-unclaimed", leftUnclaimed);
        }
    }
}
