package io.eventline.client;

import io.eventline.client.admin.GroupAdmin;
import io.eventline.client.admin.StreamAdmin;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.internal.Blocking;
import io.eventline.client.internal.CallOptionsFactory;
import io.eventline.client.internal.EventAppender;
import io.eventline.client.internal.EventReader;
import io.eventline.client.internal.GrpcGroupAdmin;
import io.eventline.client.internal.GrpcStreamAdmin;
import io.eventline.client.internal.Subscriber;
import io.eventline.client.internal.UnaryCaller;
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

/**
 * The Eventline client: one channel to the server, shared by every call. Thread-safe; make one
 * per application and close it on shutdown (that stops its subscriptions too).
 *
 * <pre>{@code
 * try (EventlineClient client = EventlineClient.connect("127.0.0.1:50051")) {
 *     client.appendBlocking("order-1", ExpectedVersion.noStream(), List.of(EventData.json("OrderPlaced", "{\"total\":42}")));
 *     try (Stream<RecordedEvent> events = client.read("order-1", ReadOptions.forwards())) {
 *         events.forEach(System.out::println);
 *     }
 * }
 * }</pre>
 */
public final class EventlineClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final EventAppender appender;
    private final EventReader reader;
    private final Subscriber subscriber;
    private final StreamAdmin streams;
    private final GroupAdmin groups;

    EventlineClient(ManagedChannel channel, CallOptionsFactory callOptions, RetryPolicy retryPolicy) {
        this.channel = requireNonNull(channel, "channel is null");
        UnaryCaller caller = new UnaryCaller(channel, callOptions, retryPolicy);
        this.appender = new EventAppender(caller);
        this.reader = new EventReader(channel, callOptions, retryPolicy);
        this.subscriber = new Subscriber(channel, callOptions, caller);
        this.streams = new GrpcStreamAdmin(caller);
        this.groups = new GrpcGroupAdmin(caller);
    }

    /** A client for the server at {@code host:port}, plaintext, with the default deadline and retries. */
    public static EventlineClient connect(String target) {
        return builder().target(target).build();
    }

    public static EventlineClientBuilder builder() {
        return new EventlineClientBuilder();
    }

    /**
     * Appends events to a stream atomically if it is at the expected version. Fails with
     * {@link io.eventline.client.append.WrongExpectedVersionException} on a conflict. A call whose
     * reply is lost is retried with the same event ids: the server then returns the original result.
     */
    public CompletableFuture<AppendResult> append(String stream, ExpectedVersion expected, List<EventData> events) {
        return appender.append(stream, expected, events);
    }

    /** {@link #append} and wait for it; failures are thrown as they are, not wrapped. */
    public AppendResult appendBlocking(String stream, ExpectedVersion expected, List<EventData> events) {
        return Blocking.await(append(stream, expected, events));
    }

    /**
     * A stream's events, pulled lazily page by page as the result is consumed; close it to stop
     * early. A stream without events throws {@link NotFoundException} when first consumed.
     */
    public Stream<RecordedEvent> read(String stream, ReadOptions options) {
        return reader.read(stream, options);
    }

    /** Every stream's events in global order ({@code $all}), lazily. */
    public Stream<RecordedEvent> readAll(ReadOptions options) {
        return reader.read(EventReader.ALL, options);
    }

    /** Joins a consumer group (created on first use) and hands its deliveries to {@code handler} until closed. */
    public GroupSubscription subscribe(GroupSubscriptionSettings settings, GroupEventHandler handler) {
        return subscriber.subscribe(settings, handler);
    }

    /** Catch-up subscription: history, then live events, handed to {@code handler} until closed. */
    public CatchUpSubscription subscribe(CatchUpSubscriptionSettings settings, CatchUpEventHandler handler) {
        return subscriber.subscribe(settings, handler);
    }

    /** Stream management: info, deletion, retention, snapshots. */
    public StreamAdmin streams() {
        return streams;
    }

    /** Consumer group management. */
    public GroupAdmin groups() {
        return groups;
    }

    /** Closes the subscriptions (each settles its acks), then the channel. */
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
