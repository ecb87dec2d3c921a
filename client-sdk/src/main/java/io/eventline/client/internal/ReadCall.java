package io.eventline.client.internal;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.stub.ClientCalls;

import java.util.Iterator;

import static java.util.Objects.requireNonNull;

/**
 * One ReadStream call, pulled a response at a time: the call asks the server for the next page
 * only when the previous one was taken, so a reader holds at most two pages whatever the stream's
 * length. Closing it cancels the call (it runs in its own cancellable context for that).
 */
final class ReadCall implements AutoCloseable {
    private final Context.CancellableContext context;
    private final Iterator<ReadStreamResponse> responses;

    private ReadCall(Context.CancellableContext context, Iterator<ReadStreamResponse> responses) {
        this.context = requireNonNull(context, "context is null");
        this.responses = requireNonNull(responses, "responses is null");
    }

    static ReadCall open(Channel channel, CallOptions options, ReadStreamRequest request) {
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            return new ReadCall(context, ClientCalls.blockingServerStreamingCall(channel, EventStoreServiceGrpc.getReadStreamMethod(), options, request));
        }
        finally {
            context.detach(previous);
        }
    }

    boolean hasNext() {
        return responses.hasNext();
    }

    ReadStreamResponse next() {
        return responses.next();
    }

    @Override
    public void close() {
        context.cancel(null);
    }
}
