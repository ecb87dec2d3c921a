package io.eventline.server.store.append;

import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.ProposedEvent;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The KEYS and ARGV of append.lua, the one place that knows their layout (the load test's script
 * baseline calls the script with them too). A call carries one or more appends of one partition.
 * KEYS: meta hash, stream, partition log and age index per append. ARGV: dedup window, then per
 * append: stream name, expected kind, expected version, event count, the events' id fingerprints,
 * then id, type, data, content type and metadata per event.
 */
public final class AppendScriptArguments {
    /**
     * What a retry record keeps of an event id (append.lua): the first 8 bytes of the id's SHA-256,
     * so ids that differ in any bit, however structured, get unrelated fingerprints.
     */
    private static final int FINGERPRINT_BYTES = 8;

    private final EventEntryCodec codec;
    private final byte[] dedupWindow;
    /** Never updated: each append digests with a clone, cheaper than a provider lookup per append. */
    private final MessageDigest sha256;

    public AppendScriptArguments(EventEntryCodec codec, int dedupWindow) {
        this.codec = requireNonNull(codec, "codec is null");
        this.dedupWindow = ascii(Integer.toString(dedupWindow));
        this.sha256 = sha256();
    }

    /** One append's KEYS. */
    public byte[][] keys(StreamLocation location) {
        return new byte[][] {location.metaKey(), location.streamKey(), location.logKey(), location.ageKey()};
    }

    /** One append's share of ARGV. */
    public byte[][] arguments(StreamName stream, ExpectedVersion expected, List<ProposedEvent> events) {
        byte[][] args = new byte[5 + events.size() * 5][];
        args[0] = stream.utf8();
        args[1] = ascii(expected.kind());
        args[2] = ascii(expected instanceof ExpectedVersion.Exact exact ? Long.toString(exact.version()) : "0");
        args[3] = ascii(Integer.toString(events.size()));
        byte[] fingerprints = new byte[events.size() * FINGERPRINT_BYTES];
        MessageDigest digest = cloneOf(sha256);
        int next = 5;
        for (int i = 0; i < events.size(); i++) {
            ProposedEvent event = events.get(i);
            byte[] id = codec.encodeEventId(event.eventId());
            System.arraycopy(digest.digest(id), 0, fingerprints, i * FINGERPRINT_BYTES, FINGERPRINT_BYTES);
            args[next++] = id;
            args[next++] = event.type().getBytes(StandardCharsets.UTF_8);
            args[next++] = event.data();
            args[next++] = event.contentType().getBytes(StandardCharsets.UTF_8);
            args[next++] = codec.encodeMetadata(event.metadata());
        }
        args[4] = fingerprints;
        return args;
    }

    /** The KEYS of a call carrying these appends, in order. */
    public byte[][] callKeys(List<byte[][]> appendKeys) {
        return concatenate(new byte[0][], appendKeys);
    }

    /** The ARGV of a call carrying these appends, in order. */
    public byte[][] callArguments(List<byte[][]> appendArguments) {
        return concatenate(new byte[][] {dedupWindow}, appendArguments);
    }

    private static byte[][] concatenate(byte[][] head, List<byte[][]> parts) {
        int length = head.length;
        for (byte[][] part : parts) {
            length += part.length;
        }
        byte[][] all = new byte[length][];
        System.arraycopy(head, 0, all, 0, head.length);
        int next = head.length;
        for (byte[][] part : parts) {
            System.arraycopy(part, 0, all, next, part.length);
            next += part.length;
        }
        return all;
    }

    private static MessageDigest cloneOf(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        }
        catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
