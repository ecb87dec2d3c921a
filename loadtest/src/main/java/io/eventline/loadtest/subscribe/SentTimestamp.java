package io.eventline.loadtest.subscribe;

import io.eventline.loadtest.template.PayloadBytes;

import java.nio.ByteBuffer;

/**
 * A payload that carries the {@link System#nanoTime()} at which its append was due (the schedule's
 * time in a paced run, so a late send is charged to the latency), in its first 8 bytes (the rest is
 * filler up to the payload size). Sender and receiver are this one process, so their clocks agree.
 */
public final class SentTimestamp {
    public static final int BYTES = Long.BYTES;

    private SentTimestamp() {
    }

    /** A payload of {@code size} bytes (at least 8) stamped with {@code sentNanos}. */
    public static byte[] payload(long sentNanos, int size) {
        byte[] payload = PayloadBytes.text(Math.max(BYTES, size));
        ByteBuffer.wrap(payload).putLong(0, sentNanos);
        return payload;
    }

    public static long read(ByteBuffer payload) {
        if (payload.remaining() < BYTES) {
            throw new IllegalArgumentException("the payload has " + payload.remaining() + " bytes, no send time");
        }
        return payload.getLong(payload.position());
    }
}
