package io.eventline.server.store;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * A validated name of a user stream: UTF-8, 1..256 bytes, no control characters, no braces
 * (they would break the Redis Cluster hash tag), and not starting with '$' (system names).
 */
public final class StreamName {
    public static final int MAX_BYTES = 256;

    private final String value;
    private final byte[] utf8;

    private StreamName(String value, byte[] utf8) {
        this.value = value;
        this.utf8 = utf8;
    }

    /** Parses a name a client sent; {@code field} names the request field in the error. */
    public static StreamName parse(String value, String field) {
        requireNonNull(value, "value is null");
        if (value.isEmpty()) {
            throw new InvalidArgumentException(field, "stream name is empty");
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_BYTES) {
            throw new InvalidArgumentException(field, "stream name is " + utf8.length + " bytes; the limit is " + MAX_BYTES);
        }
        if (value.startsWith("$")) {
            throw new InvalidArgumentException(field, "stream names starting with '$' are reserved for system streams");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidArgumentException(field, "stream name contains a control character at index " + i);
            }
            if (c == '{' || c == '}') {
                throw new InvalidArgumentException(field, "stream name must not contain '{' or '}'");
            }
        }
        return new StreamName(value, utf8);
    }

    /** The name as stored in Redis, trusted. */
    public static StreamName fromStored(byte[] utf8) {
        return new StreamName(new String(utf8, StandardCharsets.UTF_8), utf8.clone());
    }

    public String value() {
        return value;
    }

    public byte[] utf8() {
        return utf8.clone();
    }

    /** The category: the text before the first '-' (the whole name when there is none). */
    public String category() {
        int dash = value.indexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamName name && name.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
