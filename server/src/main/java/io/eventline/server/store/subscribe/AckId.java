package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoreKeys;

import static java.util.Objects.requireNonNull;

/**
 * Which pending entry a delivery is: the kind of key it is pending in, the partition, and the
 * entry ID. Together with the group this names everything XACK needs; clients only ever see it
 * sealed ({@link AckKeys#seal}).
 */
public record AckId(Kind kind, int partition, String entryId) {
    /** The kind of key the pending entry is in. */
    public enum Kind {
        STREAM(0), LOG(1), REPLAY(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }

        static Kind of(int code) {
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
    }

    /** The key holding the pending entry: the group's own stream, its partition's log, or its replay stream. */
    public byte[] key(StoreKeys keys, GroupDefinition group) {
        return switch (kind) {
            case STREAM -> keys.locate(group.target().stream().orElseThrow()).streamKey();
            case LOG -> keys.logKey(partition);
            case REPLAY -> keys.replayKey(partition, group.name());
        };
    }

    /** The same pending entry of the same group is the same delivery, whoever holds it. */
    String identity() {
        return kind.code + "|" + partition + "|" + entryId;
    }
}
