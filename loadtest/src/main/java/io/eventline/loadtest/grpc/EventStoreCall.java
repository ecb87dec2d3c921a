package io.eventline.loadtest.grpc;

import com.google.protobuf.Message;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.grpc.Channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The typed calls the scenarios make, counting the events appended or read as their items. */
public enum EventStoreCall {
    APPEND_EVENTS {
        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds) {
            OutcomeObserver<AppendEventsResponse> observer = new OutcomeObserver<>(
                    response -> response.getLastVersion() - response.getFirstVersion() + 1);
            EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(bounds.timeout().toNanos(), TimeUnit.NANOSECONDS)
                    .appendEvents((AppendEventsRequest) request, observer);
            return observer.outcome();
        }
    },
    READ_STREAM {
        @Override
        public CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds) {
            OutcomeObserver<ReadStreamResponse> observer = new OutcomeObserver<>(ReadStreamResponse::getEventsCount);
            EventStoreServiceGrpc.newStub(channel).withDeadlineAfter(bounds.timeout().toNanos(), TimeUnit.NANOSECONDS)
                    .readStream((ReadStreamRequest) request, observer);
            return observer.outcome();
        }
    };

    public abstract CompletableFuture<Outcome> start(Channel channel, Message request, CallBounds bounds);
}
