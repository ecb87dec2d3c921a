package io.eventline.client;

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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

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
public interface EventlineClient extends AutoCloseable {
    /** A client for the server at {@code host:port}, plaintext, with the default deadline and retries. */
    static EventlineClient connect(String target) {
        return builder().target(target).build();
    }

    static EventlineClientBuilder builder() {
        return new EventlineClientBuilder();
    }

    /**
     * Appends events to a stream atomically if it is at the expected version. Fails with
     * {@link io.eventline.client.append.WrongExpectedVersionException} on a conflict. A call whose
     * reply is lost is retried with the same event ids: the server then returns the original result.
     */
    CompletableFuture<AppendResult> append(String stream, ExpectedVersion expected, List<EventData> events);

    /** {@link #append} and wait for it; failures are thrown as they are, not wrapped. */
    AppendResult appendBlocking(String stream, ExpectedVersion expected, List<EventData> events);

    /**
     * A stream's events, pulled lazily page by page as the result is consumed; close it to stop
     * early. A stream without events throws {@link NotFoundException} when first consumed.
     */
    Stream<RecordedEvent> read(String stream, ReadOptions options);

    /** Every stream's events in global order ({@code $all}), lazily. */
    Stream<RecordedEvent> readAll(ReadOptions options);

    /** Joins a consumer group (created on first use) and hands its deliveries to {@code handler} until closed. */
    GroupSubscription subscribe(GroupSubscriptionSettings settings, GroupEventHandler handler);

    /** Catch-up subscription: history, then live events, handed to {@code handler} until closed. */
    CatchUpSubscription subscribe(CatchUpSubscriptionSettings settings, CatchUpEventHandler handler);

    /** Stream management: info, deletion, retention, snapshots. */
    StreamAdmin streams();

    /** Consumer group management. */
    GroupAdmin groups();

    /** Closes the subscriptions (each settles its acks), then the channel. */
    @Override
    void close();
}
