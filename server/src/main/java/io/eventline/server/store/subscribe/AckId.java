package io.eventline.server.store.subscribe;

import io.eventline.server.store.ClientText;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * Everything needed to settle a delivery on any server instance: which key of which partition
 * holds the pending entry, the entry ID, and the event's stream and version (for parking).
 * Clients see an opaque base64url token.
 */
public record AckId(Kind kind, int partition, String entryId, StreamName stream, long version) {
    /** The kind of key the pending entry is in. */
    public enum Kind {
        STREAM('s'), LOG('l'), REPLAY('r');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown kind " + code);
        }
    }

    public AckId {
        requireNonNull(kind, "kind is null");
        requireNonNull(entryId, "entryId is null");
        requireNonNull(stream, "stream is null");
    }

    public String encode() {
        String text = kind.code + "|" + partition + "|" + entryId + "|" + version + "|" + stream.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static AckId decode(String token, String field) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", 5);
            if (parts.length != 5 || parts[0].length() != 1 || !parts[2].matches("\\d{1,19}-\\d{1,19}")) {
                throw new IllegalArgumentException("not an ack id");
            }
            return new AckId(Kind.of(parts[0].charAt(0)), Integer.parseInt(parts[1]), parts[2],
                    StreamName.fromStored(parts[4].getBytes(StandardCharsets.UTF_8)), Long.parseLong(parts[3]));
        }
        catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(field, ClientText.quote(token) + " is not an ack id; use one from a delivery");
        }
    }

    /** The key holding the pending entry. */
    public byte[] key(StoreKeys keys, String group) {
        return switch (kind) {
            case STREAM -> keys.locate(stream).streamKey();
            case LOG -> keys.logKey(partition);
            case REPLAY -> keys.replayKey(partition, group);
        };
    }
}
