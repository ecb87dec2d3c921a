package io.eventline.server.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A stream entry ID, {@code <millis>-<sequence>}, parsed from its ASCII bytes without making a String. */
public record EntryId(long millis, long sequence) {
    public static EntryId parse(byte[] ascii) {
        return parse(ByteBuffer.wrap(ascii));
    }

    /** Reads the buffer's remaining bytes. */
    public static EntryId parse(ByteBuffer ascii) {
        int start = ascii.position();
        long millis = 0;
        long number = 0;
        boolean dash = false;
        while (ascii.hasRemaining()) {
            byte next = ascii.get();
            if (next == '-' && !dash) {
                millis = number;
                number = 0;
                dash = true;
            }
            else if (next >= '0' && next <= '9' && number <= (Long.MAX_VALUE - 9) / 10) {
                number = number * 10 + (next - '0');
            }
            else {
                throw notAnId(ascii, start);
            }
        }
        if (!dash) {
            throw notAnId(ascii, start);
        }
        return new EntryId(millis, number);
    }

    private static IllegalArgumentException notAnId(ByteBuffer ascii, int start) {
        ByteBuffer whole = ascii.duplicate();
        whole.position(start).limit(ascii.limit());
        byte[] text = new byte[Math.min(whole.remaining(), 64)];
        whole.get(text);
        return new IllegalArgumentException("not a stream entry ID: " + new String(text, StandardCharsets.US_ASCII));
    }
}
