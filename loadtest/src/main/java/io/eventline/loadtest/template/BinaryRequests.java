package io.eventline.loadtest.template;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * ghz's {@code -b} and {@code -B}: requests given as serialized protobuf, either one message or
 * several each prefixed by its length (protobuf's delimited form), sent in turn by request number.
 */
public final class BinaryRequests implements RequestSource {
    private final List<Message> messages;

    private BinaryRequests(List<Message> messages) {
        this.messages = List.copyOf(messages);
    }

    /** Reads one message if the bytes are one, otherwise length-delimited messages. */
    public static BinaryRequests parse(byte[] bytes, Supplier<Message.Builder> newRequest) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(newRequest, "newRequest is null");
        try {
            return new BinaryRequests(delimited(bytes, newRequest));
        }
        catch (IOException delimitedFailed) {
            try {
                return new BinaryRequests(List.of(newRequest.get().mergeFrom(bytes).build()));
            }
            catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("the binary data is neither one " + newRequest.get().getDescriptorForType().getFullName()
                        + " nor length-delimited ones: " + e.getMessage());
            }
        }
    }

    private static List<Message> delimited(byte[] bytes, Supplier<Message.Builder> newRequest) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        List<Message> messages = new ArrayList<>();
        while (!input.isAtEnd()) {
            int length = input.readRawVarint32();
            if (length < 0 || length > bytes.length - input.getTotalBytesRead()) {
                throw new IOException("not length-delimited");
            }
            messages.add(newRequest.get().mergeFrom(input.readRawBytes(length)).build());
        }
        if (messages.isEmpty()) {
            throw new IOException("no message");
        }
        return messages;
    }

    @Override
    public Message request(CallData call) {
        return messages.get((int) Math.floorMod(call.requestNumber(), (long) messages.size()));
    }
}
