package io.eventline.server.redis;

import java.util.Arrays;

/**
 * One stream entry as Redis returned it: its ID, parsed, and its fields and values in stored order,
 * without the map per entry (and the hashing of byte-array keys) that Lettuce's stream outputs build.
 */
public record StoredEntry(long millis, long sequence, byte[][] fieldsAndValues) {
    /** The value of the first field named {@code name}, or null. Entries hold a handful of fields: a scan beats a map. */
    public byte[] field(byte[] name) {
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            if (Arrays.equals(fieldsAndValues[i], name)) {
                return fieldsAndValues[i + 1];
            }
        }
        return null;
    }

    public String id() {
        return millis + "-" + sequence;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEntry entry && entry.millis == millis && entry.sequence == sequence
                && Arrays.deepEquals(entry.fieldsAndValues, fieldsAndValues);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(millis) * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "StoredEntry[" + id() + ", " + fieldsAndValues.length / 2 + " fields]";
    }
}
