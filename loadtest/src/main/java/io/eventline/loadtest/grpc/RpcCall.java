package io.eventline.loadtest.grpc;

import com.google.protobuf.Message;
import io.eventline.loadtest.run.Outcome;
import io.eventline.loadtest.subscribe.BoundedSubscribe;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Starts one call of any unary or server-streaming method with its request and metadata. A
 * Subscribe with a group acks what it receives ({@link BoundedSubscribe}), or the group would stop
 * delivering once its max_in_flight is reached.
 */
public final class RpcCall {
    private final RpcMethod method;
    private final CallBounds bounds;
    private final CallOptions baseOptions;

    /** @param baseOptions what every call starts from: ghz's {@code --enable-compression} and {@code --max-send-message-size} */
    public RpcCall(RpcMethod method, CallBounds bounds, CallOptions baseOptions) {
        this.method = requireNonNull(method, "method is null");
        this.bounds = requireNonNull(bounds, "bounds is null");
        this.baseOptions = requireNonNull(baseOptions, "baseOptions is null");
        if (method.isClientStreaming()) {
            throw new IllegalArgumentException(method.fullMethodName() + " is client-streaming: only unary and server-streaming methods can be called");
        }
    }

    public CompletableFuture<Outcome> start(Channel channel, Message request, Metadata headers) {
        Channel withHeaders = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        if (method.grpc().equals(EventStoreServiceGrpc.getSubscribeMethod()) && bounds.streamCallEnder().isPresent()) {
            return new BoundedSubscribe(withHeaders, (SubscribeRequest) request, bounds.streamCallEnder().get()).start(bounds.timeout());
        }
        ClientCall<Message, Message> call = withHeaders.newCall(method.grpc(), callOptions());
        if (method.isServerStreaming() && bounds.streamCallEnder().isPresent()) {
            BoundedStream observer = new BoundedStream(bounds.streamCallEnder().get());
            ClientCalls.asyncServerStreamingCall(call, request, observer);
            return observer.outcome();
        }
        OutcomeObserver<Message> observer = new OutcomeObserver<>(ResponseItems::of);
        if (method.isServerStreaming()) {
            ClientCalls.asyncServerStreamingCall(call, request, observer);
        }
        else {
            ClientCalls.asyncUnaryCall(call, request, observer);
        }
        return observer.outcome();
    }

    private CallOptions callOptions() {
        // ghz: a zero timeout is no deadline
        return bounds.timeout().isZero() ? baseOptions : baseOptions.withDeadlineAfter(bounds.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
}
