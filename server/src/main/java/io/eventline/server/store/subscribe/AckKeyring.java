package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.StoreKeys;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * The ack-id keys every server instance of one store shares, kept in Redis ({@code <ns>:ackkeys}):
 * made on the store's first start, rotated when the current key is older than the rotation period
 * (by whichever instance looks first), the previous key still accepted until the next rotation.
 * Each instance caches them for {@link #REFRESH} and reloads at once on a key id it does not know.
 */
public final class AckKeyring {
    static final Duration REFRESH = Duration.ofMinutes(1);
    private static final Duration UNKNOWN_KEY_RELOAD = Duration.ofSeconds(1);
    private static final RedisScript KEYS_SCRIPT = StoredField.script(AckKeyring.class, "ack_keys.lua");
    private static final int SECRET_BYTES = 32;

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final byte[] key;
    private final Clock clock;
    private final Optional<Duration> rotation;
    private final SecureRandom random = new SecureRandom();
    private volatile Loaded loaded;

    private record Loaded(CompletableFuture<AckKeys> keys, Instant at) {
    }

    /** {@code rotation}: how old the current key may grow before a new one replaces it (empty: never). */
    public AckKeyring(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, Clock clock, Optional<Duration> rotation) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(keys, "keys is null").ackKeysKey();
        this.clock = requireNonNull(clock, "clock is null");
        this.rotation = requireNonNull(rotation, "rotation is null");
    }

    /** The keys to seal new ids with. */
    public CompletableFuture<AckKeys> current() {
        Loaded now = loaded;
        if (now == null || now.keys().isCompletedExceptionally() || clock.instant().isAfter(now.at().plus(REFRESH))) {
            return reload();
        }
        return now.keys();
    }

    /**
     * Opens every token a client sent for {@code group}, or fails with {@link InvalidArgumentException}
     * naming the first one this store did not seal for that group; nothing is settled then.
     */
    public CompletableFuture<List<AckId>> open(String group, List<String> tokens, String field) {
        return current().thenCompose(keys -> {
            boolean unknownKey = tokens.stream().map(AckKeys::keyIdOf).anyMatch(id -> id.isPresent() && !keys.knows(id.get()));
            // another instance may have rotated the key since this one last looked; made-up key ids
            // cannot make every Ack a reload: at most one a second
            boolean stale = clock.instant().isAfter(loaded.at().plus(UNKNOWN_KEY_RELOAD));
            return unknownKey && stale ? reload() : CompletableFuture.completedFuture(keys);
        }).thenApply(keys -> {
            List<AckId> opened = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                Optional<AckId> ackId = keys.open(group, tokens.get(i));
                if (ackId.isEmpty()) {
                    throw new InvalidArgumentException(field + "[" + i + "]",
                            "not an ack id this store issued for group '" + group + "' (ids from another group, from before an upgrade, "
                                    + "or made up are refused); nothing was settled");
                }
                opened.add(ackId.get());
            }
            return opened;
        });
    }

    private CompletableFuture<AckKeys> reload() {
        Instant now = clock.instant();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        long rotationMillis = rotation.map(Duration::toMillis).orElse(-1L);
        CompletableFuture<AckKeys> keys = KEYS_SCRIPT.run(redis, new byte[][] {key},
                ascii(Long.toString(now.toEpochMilli())), ascii(Long.toString(rotationMillis)), secret).thenApply(AckKeyring::decode);
        loaded = new Loaded(keys, now);
        return keys;
    }

    private static AckKeys decode(List<Object> reply) {
        int current = 0;
        Map<Integer, byte[]> secrets = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            String field = new String((byte[]) reply.get(i), StandardCharsets.US_ASCII);
            byte[] value = (byte[]) reply.get(i + 1);
            if (field.equals(StoredField.ACK_KEYS_CURRENT.text())) {
                current = Integer.parseInt(new String(value, StandardCharsets.US_ASCII));
            }
            else if (field.startsWith(StoredField.ACK_KEYS_KEY.text())) {
                secrets.put(Integer.parseInt(field.substring(StoredField.ACK_KEYS_KEY.text().length())), value);
            }
        }
        return new AckKeys(current, secrets);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
