package io.eventline.server.store.subscribe;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.testing.MutableClock;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The key ring in a real Redis: shared by instances of one store, rotated once per period, the previous key still accepted. */
@ExtendWith(RedisExtension.class)
@Timeout(60)
class AckKeyringTest {
    private static final Duration ROTATION = Duration.ofHours(25);
    private static final AckId ENTRY = new AckId(AckId.Kind.STREAM, 0, "0-7");

    @Test
    void instancesShareTheKeysAndIdsOutliveOneRotation(TestRedis redis) throws Exception {
        try (RedisConnection connection = redis.connect()) {
            StoreKeys keys = new StoreKeys(redis.newNamespace(), 1);
            MutableClock clock = new MutableClock();
            AckKeyring first = new AckKeyring(connection.commands(), keys, clock, Optional.of(ROTATION));
            AckKeyring second = new AckKeyring(connection.commands(), keys, clock, Optional.of(ROTATION));

            String sealedByFirst = first.current().get(5, TimeUnit.SECONDS).seal("billing", ENTRY);
            assertEquals(List.of(ENTRY), second.open("billing", List.of(sealedByFirst), "ack_ids").get(5, TimeUnit.SECONDS));

            clock.advance(ROTATION.plusMinutes(1));
            AckKeys rotated = second.current().get(5, TimeUnit.SECONDS);
            assertEquals(2, rotated.currentId());
            String sealedAfterRotation = rotated.seal("billing", ENTRY);
            // the first instance looks again (its copy is old) and takes ids of both keys
            assertEquals(List.of(ENTRY, ENTRY), first.open("billing", List.of(sealedByFirst, sealedAfterRotation), "ack_ids").get(5, TimeUnit.SECONDS));

            clock.advance(ROTATION.plusMinutes(1));
            assertEquals(3, first.current().get(5, TimeUnit.SECONDS).currentId());
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> first.open("billing", List.of(sealedAfterRotation, sealedByFirst), "ack_ids").get(5, TimeUnit.SECONDS));
            assertInstanceOf(InvalidArgumentException.class, refused.getCause());
            assertEquals("ack_ids[1]", ((InvalidArgumentException) refused.getCause()).field());
        }
    }

    @Test
    void withoutRotationTheFirstKeyStays(TestRedis redis) throws Exception {
        try (RedisConnection connection = redis.connect()) {
            StoreKeys keys = new StoreKeys(redis.newNamespace(), 1);
            MutableClock clock = new MutableClock();
            AckKeyring keyring = new AckKeyring(connection.commands(), keys, clock, Optional.empty());
            String sealed = keyring.current().get(5, TimeUnit.SECONDS).seal("billing", ENTRY);
            clock.advance(Duration.ofDays(400));
            assertEquals(1, keyring.current().get(5, TimeUnit.SECONDS).currentId());
            assertEquals(List.of(ENTRY), keyring.open("billing", List.of(sealed), "ack_ids").get(5, TimeUnit.SECONDS));
        }
    }
}
