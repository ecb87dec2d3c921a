package io.eventline.loadtest.template;

import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/** One piece of a request template: literal text, or an action rendered for each request. */
sealed interface TemplateSegment {
    void render(StringBuilder out, CallData call, RandomGenerator random);

    /** False when every request renders the same text, so a template made of such segments is built once. */
    boolean variesPerRequest();

    record Literal(String text) implements TemplateSegment {
        public Literal {
            requireNonNull(text, "text is null");
        }

        @Override
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            out.append(text);
        }

        @Override
        public boolean variesPerRequest() {
            return false;
        }
    }

    /** {@code {{.Name}}}: a field of the call data, such as {@code .RequestNumber} or {@code .MethodName}. */
    record Field(String name, Function<CallData, Object> value, boolean variesPerRequest) implements TemplateSegment {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            out.append(value.apply(call));
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
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            out.append(prefix).append(random.nextInt(keyspace));
        }

        @Override
        public boolean variesPerRequest() {
            return true;
        }
    }

    /** {@code {{newUUID}}} (ghz) or {@code {{uuid}}}: a new random UUID at each use. */
    record RandomUuid() implements TemplateSegment {
        @Override
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            out.append(randomUuid(random));
        }

        @Override
        public boolean variesPerRequest() {
            return true;
        }

        static UUID randomUuid(RandomGenerator random) {
            // version 4 (random), IETF variant
            long high = random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL | 0x0000_0000_0000_4000L;
            long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
            return new UUID(high, low);
        }
    }

    /**
     * ghz's {@code {{randomString N}}}: N random letters and digits; N of 0 or less picks a length
     * from 2 to 16.
     */
    record RandomString(int length) implements TemplateSegment {
        static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        static final int SHORTEST_RANDOM_LENGTH = 2;
        static final int LONGEST_RANDOM_LENGTH = 16;

        @Override
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            int count = length > 0 ? length : random.nextInt(SHORTEST_RANDOM_LENGTH, LONGEST_RANDOM_LENGTH + 1);
            for (int i = 0; i < count; i++) {
                out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }

        @Override
        public boolean variesPerRequest() {
            return true;
        }
    }

    /** ghz's {@code {{randomInt MIN MAX}}}: a number in [MIN, MAX). */
    record RandomInt(long minimum, long maximum) implements TemplateSegment {
        public RandomInt {
            if (minimum < 0 || maximum <= minimum) {
                throw new IllegalArgumentException("randomInt needs 0 <= MIN < MAX, is " + minimum + " " + maximum);
            }
        }

        @Override
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            out.append(random.nextLong(minimum, maximum));
        }

        @Override
        public boolean variesPerRequest() {
            return true;
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
        public void render(StringBuilder out, CallData call, RandomGenerator random) {
            out.append(base64);
        }

        @Override
        public boolean variesPerRequest() {
            return false;
        }
    }
}
