package io.eventline.server.store.subscribe;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The tailer against a real Redis: it reads the log only while a subscription may need waking. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(RedisExtension.class)
class LogTailerTest {
    private final SubscriptionHub hub = new SubscriptionHub();
    private RedisConnection redis;
    private StoreKeys keys;
    private LogTailers tailers;

    @BeforeEach
    void start(TestRedis testRedis) {
        redis = testRedis.connect();
        keys = new StoreKeys(testRedis.newNamespace(), testRedis.partitions());
        tailers = new LogTailers(redis, keys, hub, Duration.ofMillis(200));
        tailers.start();
    }

    @AfterEach
    void stop() {
        tailers.close();
        redis.close();
    }

    @Test
    void aSubscriptionThatArrivesWhileTheTailerIdlesIsWokenAtOnceAndThenByEachAppendToItsStream() throws Exception {
        appendPointer("order-1");
        WakeCounter order1 = new WakeCounter(StreamName.parse("order-1", "stream"));

        hub.register(order1);

        assertTrue(order1.wakes.tryAcquire(10, TimeUnit.SECONDS), "woken when the tailer starts again from the tails");
        order1.wakes.drainPermits();
        appendPointer("order-2");
        appendPointer("order-1");
        assertTrue(order1.wakes.tryAcquire(10, TimeUnit.SECONDS), "woken by an append to its stream");
    }

    @Test
    void whatWaitsForASubscriptionRunsOnceWhenOneRegistersOrAtOnceWhenThereIsOne() {
        SubscriptionHub alone = new SubscriptionHub();
        AtomicInteger ran = new AtomicInteger();

        alone.whenSubscribed(ran::incrementAndGet);
        assertEquals(0, ran.get(), "ran with no subscription");
        alone.register(new WakeCounter(StreamName.parse("order-1", "stream")));
        assertEquals(1, ran.get(), "the registration ran it");
        alone.register(new WakeCounter(StreamName.parse("order-2", "stream")));
        assertEquals(1, ran.get(), "ran again on a later registration");
        alone.whenSubscribed(ran::incrementAndGet);
        assertEquals(2, ran.get(), "with a subscription it runs at once");
    }

    @Test
    void theTailerKeepsWakingAfterItsConnectionIsKilled(TestRedis testRedis) throws Exception {
        assumeFalse(testRedis.isCluster(), "CLIENT LIST and CLIENT KILL of one node would miss the tailers of the others");
        WakeCounter order1 = new WakeCounter(StreamName.parse("order-1", "stream"));
        hub.register(order1);
        assertTrue(order1.wakes.tryAcquire(10, TimeUnit.SECONDS), "woken when the tailer starts from the tails");

        List<Long> tailers = awaitBlockedInXread();
        for (long id : tailers) {
            redis.commands().clientKill(KillArgs.Builder.id(id)).get(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (awaitBlockedInXread().equals(tailers)) {
            assertTrue(System.nanoTime() < deadline, "the tailer did not read again on a new connection after its own was killed");
            Thread.sleep(20);
        }
        // it starts again from the tails, waking everyone; then an append wakes its stream's subscription
        assertTrue(order1.wakes.tryAcquire(10, TimeUnit.SECONDS), "woken when the tailer started again");
        order1.wakes.drainPermits();
        appendPointer("order-1");
        assertTrue(order1.wakes.tryAcquire(10, TimeUnit.SECONDS), "an append after the tailer's connection was killed woke its subscription");
    }

    /** The IDs of the Redis connections waiting in an XREAD (the tailers'), once there is one. */
    private List<Long> awaitBlockedInXread() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<Long> blocked = redis.commands().clientList().get(10, TimeUnit.SECONDS).lines()
                    .filter(client -> client.contains(" cmd=xread "))
                    .map(client -> Long.parseLong(client.substring(3, client.indexOf(' '))))
                    .toList();
            if (!blocked.isEmpty()) {
                return blocked;
            }
            assertTrue(System.nanoTime() < deadline, "no connection waits in XREAD: the tailer is not reading");
            Thread.sleep(20);
        }
    }

    private void appendPointer(String stream) throws Exception {
        Map<byte[], byte[]> pointer = new LinkedHashMap<>();
        pointer.put(bytes("s"), bytes(stream));
        pointer.put(bytes("v"), bytes("1"));
        pointer.put(bytes("t"), bytes("OrderNoted"));
        redis.commands().xadd(keys.logKey(keys.locate(StreamName.parse(stream, "stream")).partition()), pointer).get(10, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class WakeCounter implements Subscription {
        private final Semaphore wakes = new Semaphore(0);
        private final SubscriptionTarget target;

        WakeCounter(StreamName stream) {
            this.target = SubscriptionTarget.stream(stream);
        }

        @Override
        public void wake() {
            wakes.release();
        }

        @Override
        public SubscriptionTarget target() {
            return target;
        }

        @Override
        public String group() {
            return "";
        }

        @Override
        public String consumer() {
            return "reader";
        }

        @Override
        public void settled(Collection<AckId> ackIds) {
        }

        @Override
        public void reclaimSoon() {
        }

        @Override
        public void close() {
        }

        @Override
        public void terminate(Throwable reason) {
        }
    }
}
