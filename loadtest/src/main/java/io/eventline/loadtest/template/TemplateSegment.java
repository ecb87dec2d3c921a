package io.eventline.loadtest.template;

import java.util.Base64;
import java.util.UUID;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/** One piece of a request template: literal text, or a placeholder rendered afresh for each request. */
sealed interface TemplateSegment {
    void render(StringBuilder out, long requestNumber, RandomGenerator random);

    record Literal(String text) implements TemplateSegment {
        public Literal {
            requireNonNull(text, "text is null");
        }

        @Override
        public void render(StringBuilder out, long requestNumber, RandomGenerator random) {
            out.append(text);
        }
    }

    /** {@code {{.RequestNumber}}}: 0 for the first request of a run. */
    record RequestNumber() implements TemplateSegment {
        @Override
        public void render(StringBuilder out, long requestNumber, RandomGenerator random) {
            out.append(requestNumber);
        }
    }

    /** {@code {{randomStream "prefix" N}}}: the prefix followed by a number in [0, N). */
    record RandomStream(String prefix, int keyspace) implements TemplateSegment {
        public RandomStream {
            requireNonNull(prefix, "prefix is null");
            if (keyspace < 1) {
                throw new IllegalArgumentException("randomStream needs a keyspace of at least 1");
            }
        }

        @Override
        public void render(StringBuilder out, long requestNumber, RandomGenerator random) {
            out.append(prefix).append(random.nextInt(keyspace));
        }
    }

    /** {@code {{uuid}}}: a random UUID in canonical form. */
    record RandomUuid() implements TemplateSegment {
        @Override
        public void render(StringBuilder out, long requestNumber, RandomGenerator random) {
            // version 4 (random), IETF variant
            long high = random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL | 0x0000_0000_0000_4000L;
            long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
            out.append(new UUID(high, low));
        }
    }

    /**
     * {@code {{payload N}}}: N bytes of text, written in base64 because a {@code bytes} field is
     * base64 in protobuf JSON. Rendered once: the bytes are the same for every request.
     */
    record Payload(int bytes, String base64) implements TemplateSegment {
        public Payload {
            requireNonNull(base64, "base64 is null");
        }

        static Payload ofSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("payload size must not be negative");
            }
            return new Payload(bytes, Base64.getEncoder().encodeToString(PayloadBytes.text(bytes)));
        }

        @Override
        public void render(StringBuilder out, long requestNumber, RandomGenerator random) {
            out.append(base64);
        }
    }
}
