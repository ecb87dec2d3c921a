package io.eventline.server.store.subscribe;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void awaitingASubscriptionReturnsWhenOneRegistersOrWhenTheTimeoutPasses() throws Exception {
        SubscriptionHub alone = new SubscriptionHub();
        assertFalse(alone.awaitSubscription(Duration.ofMillis(50)));

        Thread registering = new Thread(() -> alone.register(new WakeCounter(StreamName.parse("order-1", "stream"))));
        long started = System.nanoTime();
        registering.start();
        assertTrue(alone.awaitSubscription(Duration.ofSeconds(30)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20), "returned on the registration, not the timeout");
        registering.join();
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
