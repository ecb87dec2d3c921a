package io.eventline.loadtest.grpc;

import com.google.protobuf.Message;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.grpc.Channel;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The calls the tool can make, by the full method name ghz's {@code --call} takes. */
public enum EventStoreCall {
    APPEND_EVENTS("eventline.v1.EventStoreService/AppendEvents") {
        @Override
        public Message.Builder newRequest() {
            return AppendEventsRequest.newBuilder();
        }

        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, Duration timeout) {
            OutcomeObserver<AppendEventsResponse> observer = new OutcomeObserver<>(
                    response -> response.getLastVersion() - response.getFirstVersion() + 1);
            EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .appendEvents((AppendEventsRequest) request, observer);
            return observer.outcome();
        }
    },
    READ_STREAM("eventline.v1.EventStoreService/ReadStream") {
        @Override
        public Message.Builder newRequest() {
            return ReadStreamRequest.newBuilder();
        }

        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, Duration timeout) {
            OutcomeObserver<ReadStreamResponse> observer = new OutcomeObserver<>(ReadStreamResponse::getEventsCount);
            EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .readStream((ReadStreamRequest) request, observer);
            return observer.outcome();
        }
    };

    private final String fullMethodName;

    EventStoreCall(String fullMethodName) {
        this.fullMethodName = fullMethodName;
    }

    public String fullMethodName() {
        return fullMethodName;
    }

    public abstract Message.Builder newRequest();

    public abstract CompletableFuture<Outcome> start(Channel channel, Message request, Duration timeout);

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
