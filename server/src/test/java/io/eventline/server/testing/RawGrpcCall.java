package io.eventline.server.testing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Sends a request body as raw bytes to any method, bypassing the stubs' serialization, and completes with the call's status. */
public final class RawGrpcCall {
    /** Bodies as they are: what a test sends is what goes on the wire, and what comes back is not parsed. */
    public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawGrpcCall() {
    }

    /**
     * Calls {@code method} with {@code body}; the call ends at the latest after {@code deadlineMillis}
     * (server-streaming calls that would stay open end with DEADLINE_EXCEEDED).
     */
    public static CompletableFuture<Status> send(Channel channel, MethodDescriptor<?, ?> method, byte[] body, long deadlineMillis) {
        return send(channel, method, List.of(body), deadlineMillis);
    }

    /** Calls {@code method} with any number of request messages, whatever its type says it takes. */
    public static CompletableFuture<Status> send(Channel channel, MethodDescriptor<?, ?> method, List<byte[]> bodies, long deadlineMillis) {
        MethodDescriptor<byte[], byte[]> raw = method.toBuilder(BYTES, BYTES).build();
        ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS));
        CompletableFuture<Status> done = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(byte[] message) {
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                done.complete(status);
            }
        }, new Metadata());
        call.request(1);
        bodies.forEach(call::sendMessage);
        call.halfClose();
        return done;
    }
}
