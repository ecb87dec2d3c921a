package io.eventline.loadtest.subscribe;

import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.proto.v1.SubscribeRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Many subscribers spread over a pool's connections, their totals, and a timer that acks each
 * subscriber's partial batch every {@link #ACK_FLUSH_INTERVAL}, so the tail of a backlog is acked too.
 */
public final class SubscriberFleet implements AutoCloseable {
    static final Duration ACK_FLUSH_INTERVAL = Duration.ofMillis(10);

    private final ChannelPool channels;
    private final int ackBatch;
    private final SubscriberCounts counts = new SubscriberCounts();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loadtest-ack-flusher");
        thread.setDaemon(true);
        return thread;
    });

    public SubscriberFleet(ChannelPool channels, int ackBatch) {
        this.channels = requireNonNull(channels, "channels is null");
        this.ackBatch = ackBatch;
        flusher.scheduleWithFixedDelay(this::flushAcks, ACK_FLUSH_INTERVAL.toNanos(), ACK_FLUSH_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Opens each subscription (on the connections in turn) and waits until the server has confirmed them all. */
    public void open(List<SubscribeRequest> requests, DeliveryListener listener, Duration timeout)
            throws InterruptedException, TimeoutException {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>(requests.size());
        for (SubscribeRequest request : requests) {
            Subscriber subscriber;
            synchronized (this) {
                subscriber = new Subscriber(channels.forSlot(subscribers.size()), request, ackBatch, counts, listener);
                subscribers.add(subscriber);
            }
            confirmations.add(subscriber.open());
        }
        try {
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("a subscription was refused: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public SubscriberCounts counts() {
        return counts;
    }

    /** Waits until the server has confirmed {@code target} acks, or until {@code deadlineNanos}; true if it got there. */
    public boolean awaitAcked(long target, long deadlineNanos) throws InterruptedException {
        return Progress.await(counts::acked, target, deadlineNanos);
    }

    public synchronized int size() {
        return subscribers.size();
    }

    private synchronized List<Subscriber> snapshot() {
        return List.copyOf(subscribers);
    }

    private void flushAcks() {
        snapshot().forEach(Subscriber::flushAcks);
    }

    /** Cancels every subscription and waits (at most {@code wait}) for the calls to end. */
    public void cancelAll(Duration wait) throws InterruptedException {
        List<Subscriber> all = snapshot();
        all.forEach(Subscriber::cancel);
        try {
            CompletableFuture.allOf(all.stream().map(Subscriber::ended).toArray(CompletableFuture[]::new))
                    .get(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            // a call that does not end in time is dropped with its channel
        }
    }

    @Override
    public void close() throws InterruptedException {
        flusher.shutdownNow();
        cancelAll(Duration.ofSeconds(5));
    }
}
