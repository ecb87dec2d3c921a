package io.eventline.server.store.read;

import io.eventline.server.store.StoredField;
import java.util.List;

import io.lettuce.core.KeyValue;

import java.nio.charset.StandardCharsets;

/** The fields of a stream's meta hash a read needs: HMGET v d x mc ma. */
record StreamMeta(long version, boolean softDeleted, boolean tombstoned, long maxCount, long maxAgeMillis) {
    static final byte[][] FIELDS = {StoredField.META_VERSION.bytes(), StoredField.META_DELETED.bytes(), StoredField.META_TOMBSTONE.bytes(),
            StoredField.META_MAX_COUNT.bytes(), StoredField.META_MAX_AGE.bytes()};

    static StreamMeta of(List<KeyValue<byte[], byte[]>> values) {
        return new StreamMeta(
                number(values.get(0)),
                values.get(1).hasValue(),
                values.get(2).hasValue(),
                number(values.get(3)),
                number(values.get(4)));
    }

    boolean readable() {
        return version > 0 && !softDeleted && !tombstoned;
    }

    String whyUnreadable() {
        if (tombstoned) {
            return "was hard-deleted";
        }
        if (softDeleted) {
            return "was deleted";
        }
        return "does not exist";
    }

    /** The lowest version retention still shows. */
    long firstVisibleVersion() {
        return maxCount > 0 ? Math.max(1, version - maxCount + 1) : 1;
    }

    private static long number(KeyValue<byte[], byte[]> value) {
        return value.hasValue() ? Long.parseLong(new String(value.getValue(), StandardCharsets.US_ASCII)) : 0;
    }
}
