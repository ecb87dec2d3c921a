package io.eventline.loadtest.template;

import java.nio.charset.StandardCharsets;

/** Payload bytes of a given size: readable ASCII text, so a payload seen in Redis is recognizable. */
public final class PayloadBytes {
    private static final byte[] ALPHABET = "eventline-payload-0123456789-abcdefghijklmnopqrstuvwxyz-".getBytes(StandardCharsets.US_ASCII);

    private PayloadBytes() {
    }

    public static byte[] text(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = ALPHABET[i % ALPHABET.length];
        }
        return bytes;
    }
}
