package io.eventline.client.internal;

import io.eventline.client.EventlineClient;
import io.eventline.client.RecordedEvent;
import io.eventline.client.RetryPolicy;
import io.eventline.client.admin.GroupAdmin;
import io.eventline.client.admin.StreamAdmin;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.subscribe.CatchUpEventHandler;
import io.eventline.client.subscribe.CatchUpSubscription;
import io.eventline.client.subscribe.CatchUpSubscriptionSettings;
import io.eventline.client.subscribe.GroupEventHandler;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.grpc.ManagedChannel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** The client on one gRPC channel: the plumbing of this package put together. */
public final class GrpcEventlineClient implements EventlineClient {
    private final ManagedChannel channel;
    private final EventAppender appender;
    private final EventReader reader;
    private final Subscriber subscriber;
    private final StreamAdmin streams;
    private final GroupAdmin groups;

    public GrpcEventlineClient(ManagedChannel channel, CallOptionsFactory callOptions, RetryPolicy retryPolicy) {
        this.channel = requireNonNull(channel, "channel is null");
        UnaryCaller caller = new UnaryCaller(channel, callOptions, retryPolicy);
        this.appender = new EventAppender(caller);
        this.reader = new EventReader(channel, callOptions, retryPolicy);
        this.subscriber = new Subscriber(channel, callOptions, caller);
        this.streams = new GrpcStreamAdmin(caller);
        this.groups = new GrpcGroupAdmin(caller);
    }

    @Override
    public CompletableFuture<AppendResult> append(String stream, ExpectedVersion expected, List<EventData> events) {
        return appender.append(stream, expected, events);
    }

    @Override
    public AppendResult appendBlocking(String stream, ExpectedVersion expected, List<EventData> events) {
        return Blocking.await(append(stream, expected, events));
    }

    @Override
    public Stream<RecordedEvent> read(String stream, ReadOptions options) {
        return reader.read(stream, options);
    }

    @Override
    public Stream<RecordedEvent> readAll(ReadOptions options) {
        return reader.read(EventReader.ALL, options);
    }

    @Override
    public GroupSubscription subscribe(GroupSubscriptionSettings settings, GroupEventHandler handler) {
        return subscriber.subscribe(settings, handler);
    }

    @Override
    public CatchUpSubscription subscribe(CatchUpSubscriptionSettings settings, CatchUpEventHandler handler) {
        return subscriber.subscribe(settings, handler);
    }

    @Override
    public StreamAdmin streams() {
        return streams;
    }

    @Override
    public GroupAdmin groups() {
        return groups;
    }

    @Override
    public void close() {
        subscriber.close();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }
}
