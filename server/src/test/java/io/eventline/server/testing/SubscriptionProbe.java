package io.eventline.server.testing;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.AckResponse;
import io.eventline.proto.v1.CaughtUp;
import io.eventline.proto.v1.Confirmation;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DeliveryBatch;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.Heartbeat;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import io.eventline.proto.v1.NackResponse;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One {@code Subscribe} call seen from the client: opened through the async stub inside a
 * cancellable {@link Context} (so {@link #cancel()} behaves like a client that goes away), with
 * every response collected as it arrives. Every wait is bounded: a server that sends nothing makes
 * the test fail with a message saying what was missing, never hang.
 *
 * <p>Deliveries are consumed in arrival order by {@link #awaitDeliveries}, {@link #pollDelivery}
 * and {@link #pollDeliveries}; {@code caught_up} and heartbeats are tracked beside them, so a
 * catch-up test can ask how many deliveries preceded the {@code caught_up} marker.
 *
 * <p>Protocol rules checked on every wait: the first response is the confirmation, there is
 * exactly one confirmation, at most one {@code caught_up}, no response without a kind, and a
 * {@code delivery_batch} (unpacked into the deliveries above) only of 2 up to the requested
 * {@code max_batch_size}.
 */
public final class SubscriptionProbe implements AutoCloseable {
    /** The default bound of every wait: long enough for a slow machine, short enough to fail a broken server. */
    public static final Duration WAIT = Duration.ofSeconds(15);
    /** The longest window {@link #expectNoDelivery} accepts: negative checks must stay short. */
    public static final Duration MAX_QUIET_WINDOW = Duration.ofMillis(1500);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int HEARTBEATS_KEPT = 64;

    private final SubscribeRequest request;
    private final Context.CancellableContext context;
    private final CompletableFuture<Confirmation> confirmation = new CompletableFuture<>();
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final BlockingQueue<Heartbeat> heartbeats = new ArrayBlockingQueue<>(HEARTBEATS_KEPT);
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger caughtUpCount = new AtomicInteger();
    private final AtomicInteger heartbeatCount = new AtomicInteger();
    /** Completes with the number of deliveries that arrived before the (first) caught_up. */
    private final CompletableFuture<Integer> caughtUp = new CompletableFuture<>();
    /** Completes when the call ends: with null on a normal completion, else with the error. */
    private final CompletableFuture<Throwable> terminated = new CompletableFuture<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    /** How many deliveries each delivery-carrying response held, in arrival order: 1 for a {@code delivery}, n for a batch. */
    private final List<Integer> messageSizes = new CopyOnWriteArrayList<>();
    private volatile boolean cancelledByTest;

    private SubscriptionProbe(SubscribeRequest request) {
        this.request = request;
        this.context = Context.current().withCancellation();
    }

    /** Opens {@code request} on {@code stub}; the call starts at once. */
    public static SubscriptionProbe open(EventStoreServiceGrpc.EventStoreServiceStub stub, SubscribeRequest request) {
        SubscriptionProbe probe = new SubscriptionProbe(request);
        probe.context.run(() -> stub.subscribe(request, probe.new Observer()));
        return probe;
    }

    /** Opens {@code request} on the harness's async stub. */
    public static SubscriptionProbe open(EventlineHarness eventline, SubscribeRequest request) {
        return open(eventline.asyncEvents(), request);
    }

    public static SubscriptionProbe open(EventlineHarness eventline, SubscribeRequest.Builder request) {
        return open(eventline.asyncEvents(), request.build());
    }

    public SubscribeRequest request() {
        return request;
    }

    /** The group this probe settles deliveries in: the confirmed one, else the requested one. */
    public String group() {
        Confirmation confirmed = confirmation.getNow(null);
        return confirmed != null && !confirmed.getGroup().isEmpty() ? confirmed.getGroup() : request.getGroup();
    }

    // --- waiting for responses --------------------------------------------------------------

    /** Waits (up to {@link #WAIT}) for the confirmation, which must be the first response. */
    public Confirmation confirmation() {
        return confirmation(WAIT);
    }

    public Confirmation confirmation(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkProtocol();
            Confirmation confirmed = confirmation.getNow(null);
            if (confirmed != null) {
                return confirmed;
            }
            if (terminated.isDone()) {
                return fail("the subscription ended before its confirmation: " + describeEnd() + "; " + this);
            }
            if (System.nanoTime() - deadline >= 0) {
                return fail("no confirmation within " + timeout + "; " + this);
            }
            await(confirmation, deadline);
        }
    }

    public boolean isConfirmed() {
        return confirmation.isDone();
    }

    /**
     * Takes exactly {@code n} deliveries, in arrival order, waiting up to {@code timeout} for them;
     * fails naming what did arrive when fewer came.
     */
    public List<Delivery> awaitDeliveries(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Delivery> taken = new ArrayList<>(n);
        while (taken.size() < n) {
            Delivery next = takeOne(deadline);
            if (next == null) {
                return fail("expected " + n + " deliveries within " + timeout + " but got " + taken.size() + ": "
                        + summaries(taken) + "; " + this);
            }
            taken.add(next);
        }
        return taken;
    }

    public List<Delivery> awaitDeliveries(int n) {
        return awaitDeliveries(n, WAIT);
    }

    /** The next delivery if one arrives within {@code timeout}. */
    public Optional<Delivery> pollDelivery(Duration timeout) {
        return Optional.ofNullable(takeOne(System.nanoTime() + timeout.toNanos()));
    }

    /**
     * Waits up to {@code timeout} for a first delivery, then also takes every delivery already
     * received; empty when nothing came.
     */
    public List<Delivery> pollDeliveries(Duration timeout) {
        List<Delivery> taken = new ArrayList<>();
        Delivery first = takeOne(System.nanoTime() + timeout.toNanos());
        if (first != null) {
            taken.add(first);
            deliveries.drainTo(taken);
        }
        return taken;
    }

    /**
     * Asserts that no delivery arrives within {@code window} (at most {@link #MAX_QUIET_WINDOW}),
     * and that the subscription is still open at its end.
     */
    public void expectNoDelivery(Duration window) {
        if (window.compareTo(MAX_QUIET_WINDOW) > 0) {
            throw new IllegalArgumentException("quiet windows are at most " + MAX_QUIET_WINDOW + ", not " + window);
        }
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            checkProtocol();
            Delivery unexpected = deliveries.poll();
            if (unexpected != null) {
                fail("expected no delivery within " + window + " but got " + summary(unexpected) + "; " + this);
            }
            failIfEndedWithError("while expecting no delivery");
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                unexpected = deliveries.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (unexpected != null) {
                fail("expected no delivery within " + window + " but got " + summary(unexpected) + "; " + this);
            }
        }
    }

    /**
     * Waits for the {@code caught_up} marker and returns how many deliveries arrived before it (the
     * history). The deliveries themselves stay queued for {@link #awaitDeliveries}.
     */
    public int awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkProtocol();
            Integer before = caughtUp.getNow(null);
            if (before != null) {
                return before;
            }
            if (terminated.isDone()) {
                return fail("the subscription ended before caught_up: " + describeEnd() + "; " + this);
            }
            if (System.nanoTime() - deadline >= 0) {
                return fail("no caught_up within " + timeout + "; " + this);
            }
            await(caughtUp, deadline);
        }
    }

    public int awaitCaughtUp() {
        return awaitCaughtUp(WAIT);
    }

    /** How many {@code caught_up} markers arrived so far (a catch-up subscription sends exactly one). */
    public int caughtUpCount() {
        return caughtUpCount.get();
    }

    /** A heartbeat received since the previous call (the latest few are kept). */
    public Heartbeat awaitHeartbeat(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkProtocol();
            Heartbeat heartbeat = heartbeats.poll();
            if (heartbeat != null) {
                return heartbeat;
            }
            if (terminated.isDone()) {
                return fail("the subscription ended before a heartbeat: " + describeEnd() + "; " + this);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no heartbeat within " + timeout + "; " + this);
            }
            try {
                heartbeat = heartbeats.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (heartbeat != null) {
                return heartbeat;
            }
        }
    }

    /** Deliveries received so far, taken or not. */
    public int deliveredCount() {
        return delivered.get();
    }

    // --- settling ---------------------------------------------------------------------------

    public AckResponse ack(EventStoreServiceGrpc.EventStoreServiceBlockingStub events, Collection<Delivery> settled) {
        return events.ack(AckRequest.newBuilder().setGroup(group()).addAllAckIds(ackIds(settled)).build());
    }

    public AckResponse ack(EventStoreServiceGrpc.EventStoreServiceBlockingStub events, Delivery... settled) {
        return ack(events, Arrays.asList(settled));
    }

    /** Nacks with {@code action}; {@code retryDelay} may be null (none). */
    public NackResponse nack(EventStoreServiceGrpc.EventStoreServiceBlockingStub events, NackAction action, Duration retryDelay,
            String reason, Collection<Delivery> settled) {
        NackRequest.Builder nack = NackRequest.newBuilder()
                .setGroup(group())
                .addAllAckIds(ackIds(settled))
                .setAction(action)
                .setReason(reason);
        if (retryDelay != null) {
            nack.setRetryDelay(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(retryDelay.getSeconds())
                    .setNanos(retryDelay.getNano()));
        }
        return events.nack(nack.build());
    }

    public NackResponse nack(EventStoreServiceGrpc.EventStoreServiceBlockingStub events, NackAction action, Delivery... settled) {
        return nack(events, action, null, "nacked by a test", Arrays.asList(settled));
    }

    public static List<String> ackIds(Collection<Delivery> settled) {
        return settled.stream().map(Delivery::getAckId).toList();
    }

    // --- ending -------------------------------------------------------------------------------

    /**
     * Cancels the call like a client that goes away, then waits (bounded) until the client side has
     * seen the call end. Idempotent.
     */
    public void cancel() {
        cancelledByTest = true;
        context.cancel(null);
        try {
            terminated.get(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ignored) {
            // the call is cancelled locally in any case; nothing more to wait for
        }
    }

    /** The error the call ended with, if it ended with one. */
    public Optional<Throwable> error() {
        return Optional.ofNullable(terminated.getNow(null));
    }

    /**
     * How many deliveries each response that carried deliveries held, in arrival order: 1 for a
     * {@code delivery}, the batch's size for a {@code delivery_batch}. Checked on arrival: a batch
     * only to a request that asked for batches, of 2 up to its {@code max_batch_size}.
     */
    public List<Integer> deliveriesPerMessage() {
        checkProtocol();
        return List.copyOf(messageSizes);
    }

    public boolean isTerminated() {
        return terminated.isDone();
    }

    /** Waits for the call to end with an error and returns it (as a StatusRuntimeException, trailers kept). */
    public StatusRuntimeException awaitError(Duration timeout) {
        Throwable error;
        try {
            error = terminated.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException e) {
            return fail("the subscription did not end within " + timeout + "; " + this);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        catch (ExecutionException e) {
            throw new AssertionError(e);
        }
        if (error == null) {
            return fail("the subscription completed normally, an error was expected; " + this);
        }
        if (error instanceof StatusRuntimeException status) {
            return status;
        }
        return Status.fromThrowable(error).asRuntimeException();
    }

    public StatusRuntimeException awaitError() {
        return awaitError(WAIT);
    }

    @Override
    public void close() {
        cancel();
    }

    @Override
    public String toString() {
        String target = switch (request.getTargetCase()) {
            case STREAM -> "stream " + request.getStream();
            case ALL -> "$all categories=" + request.getAll().getCategoriesList() + " types=" + request.getAll().getEventTypesList();
            case TARGET_NOT_SET -> "no target";
        };
        return "subscription[" + target
                + (request.getGroup().isEmpty() ? ", catch-up" : ", group " + request.getGroup() + ", consumer '" + request.getConsumer() + "'")
                + ", confirmed=" + confirmation.isDone()
                + ", deliveries received=" + delivered.get() + " (untaken " + deliveries.size() + ")"
                + ", caught_up=" + caughtUpCount.get()
                + ", heartbeats=" + heartbeatCount.get()
                + ", " + (terminated.isDone() ? "ended: " + describeEnd() : "open")
                + (violations.isEmpty() ? "" : ", protocol violations=" + violations)
                + "]";
    }

    public static String summary(Delivery delivery) {
        return delivery.getEvent().getStream() + "@" + delivery.getEvent().getVersion()
                + " " + delivery.getEvent().getType()
                + " id=" + delivery.getEvent().getEventId()
                + " count=" + delivery.getDeliveryCount();
    }

    public static List<String> summaries(Collection<Delivery> deliveries) {
        return deliveries.stream().map(SubscriptionProbe::summary).toList();
    }

    // --- internals ----------------------------------------------------------------------------

    private Delivery takeOne(long deadline) {
        while (true) {
            checkProtocol();
            Delivery next = deliveries.poll();
            if (next != null) {
                return next;
            }
            failIfEndedWithError("while waiting for a delivery");
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                next = deliveries.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (next != null) {
                return next;
            }
        }
    }

    private void failIfEndedWithError(String doing) {
        if (terminated.isDone() && deliveries.isEmpty()) {
            Throwable error = terminated.getNow(null);
            if (error != null) {
                fail("the subscription ended " + doing + ": " + describeEnd() + "; " + this, error);
            }
        }
    }

    private void checkProtocol() {
        if (!violations.isEmpty()) {
            fail("protocol violation: " + violations + "; " + this);
        }
    }

    private String describeEnd() {
        if (!terminated.isDone()) {
            return "open";
        }
        Throwable error = terminated.getNow(null);
        if (error == null) {
            return "completed by the server";
        }
        return (cancelledByTest ? "cancelled by the test, " : "") + Status.fromThrowable(error);
    }

    private static void await(CompletableFuture<?> future, long deadline) {
        long left = deadline - System.nanoTime();
        try {
            future.get(Math.max(1, Math.min(left, SLICE_NANOS)), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException | ExecutionException ignored) {
            // the caller looks again
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private final class Observer implements StreamObserver<SubscribeResponse> {
        @Override
        public void onNext(SubscribeResponse response) {
            if (response.getKindCase() != SubscribeResponse.KindCase.CONFIRMATION && !confirmation.isDone()) {
                violations.add(response.getKindCase() + " arrived before the confirmation");
            }
            switch (response.getKindCase()) {
                case CONFIRMATION -> {
                    if (!confirmation.complete(response.getConfirmation())) {
                        violations.add("a second confirmation: " + response.getConfirmation());
                    }
                }
                case DELIVERY -> received(List.of(response.getDelivery()));
                case DELIVERY_BATCH -> onBatch(response.getDeliveryBatch());
                case CAUGHT_UP -> onCaughtUp(response.getCaughtUp());
                case HEARTBEAT -> onHeartbeat(response.getHeartbeat());
                case KIND_NOT_SET -> violations.add("a response without a kind");
            }
        }

        private void onBatch(DeliveryBatch batch) {
            int asked = request.getMaxBatchSize();
            if (asked <= 1) {
                violations.add("a delivery_batch of " + batch.getDeliveriesCount() + " to a request with max_batch_size " + asked);
            }
            else if (batch.getDeliveriesCount() < 2 || batch.getDeliveriesCount() > asked) {
                violations.add("a delivery_batch of " + batch.getDeliveriesCount() + " for max_batch_size " + asked
                        + " (a batch carries 2.." + asked + ")");
            }
            received(batch.getDeliveriesList());
        }

        private void received(List<Delivery> carried) {
            // counted before they are queued, so a test that has taken them all sees every message's size
            messageSizes.add(carried.size());
            delivered.addAndGet(carried.size());
            deliveries.addAll(carried);
        }

        private void onCaughtUp(CaughtUp ignored) {
            if (caughtUpCount.incrementAndGet() > 1) {
                violations.add("caught_up sent more than once");
            }
            caughtUp.complete(delivered.get());
        }

        private void onHeartbeat(Heartbeat heartbeat) {
            heartbeatCount.incrementAndGet();
            synchronized (heartbeats) {
                if (!heartbeats.offer(heartbeat)) {
                    heartbeats.poll();
                    heartbeats.offer(heartbeat);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            terminated.complete(error);
        }

        @Override
        public void onCompleted() {
            terminated.complete(null);
        }
    }
}
