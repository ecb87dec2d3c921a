package io.eventline.loadtest.grpc;

import com.google.protobuf.Message;
import io.eventline.loadtest.run.Outcome;
import io.eventline.loadtest.subscribe.BoundedSubscribe;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.proto.v1.SubscribeRequest;
import io.grpc.Channel;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The calls the tool can make, by the full method name ghz's {@code --call} takes. */
public enum EventStoreCall {
    APPEND_EVENTS("eventline.v1.EventStoreService/AppendEvents", true) {
        @Override
        public Message.Builder newRequest() {
            return AppendEventsRequest.newBuilder();
        }

        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds) {
            OutcomeObserver<AppendEventsResponse> observer = new OutcomeObserver<>(
                    response -> response.getLastVersion() - response.getFirstVersion() + 1);
            EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(bounds.timeout().toNanos(), TimeUnit.NANOSECONDS)
                    .appendEvents((AppendEventsRequest) request, observer);
            return observer.outcome();
        }
    },
    READ_STREAM("eventline.v1.EventStoreService/ReadStream", true) {
        @Override
        public Message.Builder newRequest() {
            return ReadStreamRequest.newBuilder();
        }

        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds) {
            OutcomeObserver<ReadStreamResponse> observer = new OutcomeObserver<>(ReadStreamResponse::getEventsCount);
            EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(bounds.timeout().toNanos(), TimeUnit.NANOSECONDS)
                    .readStream((ReadStreamRequest) request, observer);
            return observer.outcome();
        }
    },
    SUBSCRIBE("eventline.v1.EventStoreService/Subscribe", false) {
        @Override
        public Message.Builder newRequest() {
            return SubscribeRequest.newBuilder();
        }

        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds) {
            StreamCallEnder ender = bounds.streamCallEnder().orElseThrow(() -> new IllegalArgumentException(
                    fullMethodName() + " never ends by itself: it needs --stream-call-count or --stream-call-duration"));
            return new BoundedSubscribe(channel, (SubscribeRequest) request, ender).start(bounds.timeout());
        }
    };

    private final String fullMethodName;
    private final boolean endsByItself;

    EventStoreCall(String fullMethodName, boolean endsByItself) {
        this.fullMethodName = fullMethodName;
        this.endsByItself = endsByItself;
    }

    public String fullMethodName() {
        return fullMethodName;
    }

    /** False for a call that only the client (or its deadline) ends: it needs a {@link StreamCallEnd}. */
    public boolean endsByItself() {
        return endsByItself;
    }

    public abstract Message.Builder newRequest();

    public abstract CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds);

    /** Accepts {@code package.Service/Method} and {@code package.Service.Method}, as ghz does. */
    public static EventStoreCall forMethod(String name) {
        String normalized = name.trim();
        int lastDot = normalized.lastIndexOf('.');
        if (!normalized.contains("/") && lastDot > 0) {
            normalized = normalized.substring(0, lastDot) + "/" + normalized.substring(lastDot + 1);
        }
        for (EventStoreCall call : values()) {
            if (call.fullMethodName.equals(normalized)) {
                return call;
            }
        }
        throw new IllegalArgumentException("unsupported --call '" + name + "'; use one of "
                + Arrays.stream(values()).map(EventStoreCall::fullMethodName).collect(Collectors.joining(", ")));
    }
}
