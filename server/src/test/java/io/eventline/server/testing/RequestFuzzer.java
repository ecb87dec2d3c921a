package io.eventline.server.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Request bodies for one message type, made to break a parser or a mapper: random bytes; random
 * requests whose numbers lean to the extremes (2^63-1, negatives, unknown enum values); and such
 * requests with bits flipped, cut short, with invalid UTF-8 in a string field, or with a huge repeated field.
 */
public final class RequestFuzzer {
    /** The ways a body is made, one picked at random per body. */
    public enum Kind { RANDOM_BYTES, VALID, BIT_FLIPS, TRUNCATED, INVALID_UTF8, HUGE_REPEATED }

    private static final long[] EXTREMES = {0, 1, -1, 2, 100, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, 4_294_967_295L};
    private static final String[] TEXTS = {"", "order-1", "order-2", "$all", "g", "consumer", "a".repeat(300), "x{y}", "\u0000\u0007",
            "ü€😀", "0-1", "1-0", "AAAA", "order", "$"};
    private static final int MAX_DEPTH = 4;
    private static final int HUGE = 5_000;

    private final Descriptor type;
    private final Random random;

    public RequestFuzzer(Descriptor type, Random random) {
        this.type = type;
        this.random = random;
    }

    /** A body made the way {@code kind} says. */
    public byte[] next(Kind kind) {
        return switch (kind) {
            case RANDOM_BYTES -> bytes(random.nextInt(48));
            case VALID -> message(type, 0, false).toByteArray();
            case BIT_FLIPS -> flipBits(message(type, 0, false).toByteArray());
            case TRUNCATED -> truncate(message(type, 0, false).toByteArray());
            case INVALID_UTF8 -> concat(message(type, 0, false).toByteArray(), invalidUtf8(type, 0));
            case HUGE_REPEATED -> message(type, 0, true).toByteArray();
        };
    }

    public Kind nextKind() {
        return Kind.values()[random.nextInt(Kind.values().length)];
    }

    private DynamicMessage message(Descriptor descriptor, int depth, boolean huge) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(descriptor);
        if (depth >= MAX_DEPTH) {
            return builder.build();
        }
        for (FieldDescriptor field : descriptor.getFields()) {
            if (field.isMapField() ? random.nextInt(4) != 0 : random.nextBoolean()) {
                continue;
            }
            if (field.isRepeated()) {
                int count = huge && random.nextInt(3) == 0 ? HUGE : 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    builder.addRepeatedField(field, value(field, depth));
                }
            }
            else {
                builder.setField(field, value(field, depth));
            }
        }
        return builder.build();
    }

    private Object value(FieldDescriptor field, int depth) {
        return switch (field.getJavaType()) {
            case INT -> (int) extreme();
            case LONG -> extreme();
            case FLOAT -> random.nextFloat();
            case DOUBLE -> random.nextDouble();
            case BOOLEAN -> random.nextBoolean();
            case STRING -> TEXTS[random.nextInt(TEXTS.length)];
            case BYTE_STRING -> ByteString.copyFrom(bytes(random.nextInt(32)));
            case ENUM -> enumValue(field.getEnumType());
            case MESSAGE -> message(field.getMessageType(), depth + 1, false);
        };
    }

    private Object enumValue(EnumDescriptor type) {
        if (random.nextInt(4) == 0) {
            return type.findValueByNumberCreatingIfUnknown(random.nextInt(1_000) + type.getValues().size());
        }
        return type.getValues().get(random.nextInt(type.getValues().size()));
    }

    private long extreme() {
        return random.nextInt(4) == 0 ? random.nextLong() : EXTREMES[random.nextInt(EXTREMES.length)];
    }

    /** A field, at this level or inside a message field, holding a string that is not UTF-8; empty when the type has none. */
    private byte[] invalidUtf8(Descriptor descriptor, int depth) {
        List<FieldDescriptor> candidates = new ArrayList<>();
        for (FieldDescriptor field : descriptor.getFields()) {
            boolean string = field.getJavaType() == FieldDescriptor.JavaType.STRING;
            boolean nested = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth < MAX_DEPTH;
            if (string || nested) {
                candidates.add(field);
            }
        }
        if (candidates.isEmpty()) {
            return bytes(0);
        }
        FieldDescriptor field = candidates.get(random.nextInt(candidates.size()));
        byte[] payload = field.getJavaType() == FieldDescriptor.JavaType.STRING
                ? new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28}
                : invalidUtf8(field.getMessageType(), depth + 1);
        return lengthDelimited(field.getNumber(), payload);
    }

    private static byte[] lengthDelimited(int fieldNumber, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            coded.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            coded.writeByteArrayNoTag(payload);
            coded.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] flipBits(byte[] body) {
        if (body.length == 0) {
            return bytes(1 + random.nextInt(8));
        }
        byte[] flipped = body.clone();
        for (int i = 0, flips = 1 + random.nextInt(3); i < flips; i++) {
            int at = random.nextInt(flipped.length);
            flipped[at] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
    }

    private byte[] truncate(byte[] body) {
        return body.length < 2 ? body : Arrays.copyOf(body, 1 + random.nextInt(body.length - 1));
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
