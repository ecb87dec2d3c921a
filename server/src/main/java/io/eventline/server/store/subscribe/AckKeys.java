package io.eventline.server.store.subscribe;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The keys that seal ack ids, as read from Redis at one moment: the current one (new ids) and the
 * previous one (ids issued before the last rotation are still accepted).
 *
 * <p>A sealed ack id is base64url of {@code key id, kind, partition, entry ms, entry seq} (varints)
 * followed by the first 16 bytes of an HMAC-SHA256 over the group name and those fields. The MAC
 * binds the id to its group and proves this store issued it; the same (group, entry) always seals
 * to the same id, so a client may repeat an ack whose reply it lost.
 */
public final class AckKeys {
    /** Longer tokens are refused unread: a sealed id is at most 5 + 1 + 5 + 10 + 10 + 16 bytes. */
    static final int MAX_TOKEN_CHARS = 64;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final int currentId;
    /** One keyed MAC per key id, cloned for each use: keying a MAC costs more than copying a keyed one. */
    private final Map<Integer, Mac> macs;

    AckKeys(int currentId, Map<Integer, byte[]> secrets) {
        requireNonNull(secrets, "secrets is null");
        if (!secrets.containsKey(currentId)) {
            throw new IllegalArgumentException("no secret for the current key " + currentId);
        }
        this.currentId = currentId;
        Map<Integer, Mac> keyed = new HashMap<>();
        secrets.forEach((id, secret) -> keyed.put(id, keyedMac(secret)));
        this.macs = Map.copyOf(keyed);
    }

    int currentId() {
        return currentId;
    }

    boolean knows(int keyId) {
        return macs.containsKey(keyId);
    }

    /** The id a client sees for this delivery of {@code group}. */
    public String seal(String group, AckId ackId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(32);
        writeVarint(body, currentId);
        writeVarint(body, ackId.kind().code());
        writeVarint(body, ackId.partition());
        int dash = ackId.entryId().indexOf('-');
        writeVarint(body, Long.parseUnsignedLong(ackId.entryId().substring(0, dash)));
        writeVarint(body, Long.parseUnsignedLong(ackId.entryId().substring(dash + 1)));
        byte[] fields = body.toByteArray();
        body.writeBytes(mac(macs.get(currentId), group, fields));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.toByteArray());
    }

    /** The key id a token claims, without checking it; empty when it is not shaped like an ack id. */
    static Optional<Integer> keyIdOf(String token) {
        return decode(token).map(Parsed::keyId);
    }

    /** The entry a token names, if this store sealed it for {@code group} with a key it still accepts. */
    Optional<AckId> open(String group, String token) {
        Optional<Parsed> parsed = decode(token);
        if (parsed.isEmpty() || !macs.containsKey(parsed.get().keyId())) {
            return Optional.empty();
        }
        Parsed id = parsed.get();
        byte[] expected = mac(macs.get(id.keyId()), group, id.fields());
        if (!MessageDigest.isEqual(expected, id.mac())) {
            return Optional.empty();
        }
        return Optional.of(id.ackId());
    }

    private record Parsed(int keyId, AckId ackId, byte[] fields, byte[] mac) {
    }

    private static Optional<Parsed> decode(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length <= MAC_BYTES) {
                return Optional.empty();
            }
            ByteBuffer fields = ByteBuffer.wrap(bytes, 0, bytes.length - MAC_BYTES);
            long keyId = readVarint(fields);
            long kind = readVarint(fields);
            long partition = readVarint(fields);
            long millis = readVarint(fields);
            long sequence = readVarint(fields);
            if (fields.hasRemaining() || keyId > Integer.MAX_VALUE || kind > 2 || partition > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            AckId ackId = new AckId(AckId.Kind.of((int) kind), (int) partition,
                    Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence));
            return Optional.of(new Parsed((int) keyId, ackId, Arrays.copyOf(bytes, bytes.length - MAC_BYTES),
                    Arrays.copyOfRange(bytes, bytes.length - MAC_BYTES, bytes.length)));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(Mac keyed, String group, byte[] fields) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        }
        catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
        mac.update(group.getBytes(StandardCharsets.UTF_8));
        // the group name is variable-length: a separator keeps (group, fields) pairs unambiguous
        mac.update((byte) 0);
        return Arrays.copyOf(mac.doFinal(fields), MAC_BYTES);
    }

    private static Mac keyedMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /** Reads an unsigned LEB128 varint of at most 10 bytes; anything else is not an ack id. */
    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("truncated");
            }
            byte next = in.get();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
