package io.eventline.client.internal;

import io.eventline.client.Backoff;
import io.eventline.client.EventlineException;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Keeps one subscription's call open on a thread of its own: hands each response to the
 * protocol, and when the call is lost (server restart, network) backs off and subscribes again,
 * until closed or refused for good (e.g. the group was deleted).
 */
final class SubscriptionLoop {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionLoop.class);
    /** How long {@link #close()} waits for the handler to finish and acks to be sent. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final SubscriptionProtocol protocol;
    private final SubscribeCalls calls;
    private final Backoff reconnectBackoff;
    private final Duration idleInterval;
    private final int prefetch;
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final Thread thread;
    private volatile SubscribeCall current;

    SubscriptionLoop(String name, SubscriptionProtocol protocol, SubscribeCalls calls, Backoff reconnectBackoff, Duration idleInterval, int prefetch) {
        this.name = requireNonNull(name, "name is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.calls = requireNonNull(calls, "calls is null");
        this.reconnectBackoff = requireNonNull(reconnectBackoff, "reconnectBackoff is null");
        this.idleInterval = requireNonNull(idleInterval, "idleInterval is null");
        this.prefetch = prefetch;
        this.thread = new Thread(this::run, "eventline-subscription-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Completes when the subscription ended: normally after {@link #close()}, exceptionally when it failed. */
    CompletableFuture<Void> termination() {
        return termination;
    }

    /** Stops: lets a running handler finish, settles what it can, and waits (bounded) for all that. */
    void close() {
        closeSignal.countDown();
        SubscribeCall call = current;
        if (call != null) {
            call.cancel("the subscription was closed by the client");
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean closing() {
        return closeSignal.getCount() == 0;
    }

    private void run() {
        try {
            int failures = 0;
            boolean reconnecting = false;
            while (!closing()) {
                if (reconnecting && !protocol.beforeReconnect()) {
                    pause(++failures);
                    calls.reconnectSoon();
                    continue;
                }
                SubscribeCall call = calls.open(protocol.request(), prefetch);
                current = call;
                if (closing()) {
                    call.cancel("the subscription was closed by the client");
                    break;
                }
                Outcome outcome = pump(call);
                current = null;
                if (outcome.ended() == null || closing()) {
                    break;
                }
                if (outcome.receivedAny()) {
                    failures = 0;
                }
                Status status = outcome.ended().status();
                if (!isTransient(status.getCode())) {
                    throw outcome.ended().error() == null
                            ? new EventlineException(status.getCode(), "the subscription ended: " + status, null)
                            : ErrorTranslator.translate(outcome.ended().error());
                }
                failures++;
                Duration delay = reconnectBackoff.delay(failures);
                log.info("Subscription {} lost its call ({}: {}); subscribing again in {} ms", name, status.getCode(), status.getDescription(), delay.toMillis());
                reconnecting = true;
                if (closeSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                calls.reconnectSoon();
            }
            protocol.closing();
            termination.complete(null);
        }
        catch (Throwable error) {
            SubscribeCall call = current;
            if (call != null) {
                call.cancel("the subscription failed");
            }
            log.error("Subscription {} stopped: {}", name, error.toString(), error);
            protocol.closing();
            termination.completeExceptionally(error);
        }
    }

    private record Outcome(boolean receivedAny, SubscribeCall.Ended ended) {
    }

    /** Handles the call's responses until it ends (the outcome names how) or the subscription is closed (no end). */
    private Outcome pump(SubscribeCall call) throws Exception {
        boolean receivedAny = false;
        while (!closing()) {
            SubscribeCall.Signal signal = call.poll(idleInterval);
            if (signal == null) {
                protocol.idle();
                continue;
            }
            if (signal instanceof SubscribeCall.Ended ended) {
                return new Outcome(receivedAny, ended);
            }
            receivedAny = true;
            protocol.received(((SubscribeCall.Response) signal).response());
            if (call.isEmpty()) {
                protocol.idle();
            }
        }
        call.cancel("the subscription was closed by the client");
        return new Outcome(receivedAny, null);
    }

    private void pause(int failures) throws InterruptedException {
        closeSignal.await(reconnectBackoff.delay(failures).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends a reconnect can cure; the others (bad request, no such group, ...) would fail the same way again. */
    private static boolean isTransient(Status.Code code) {
        return switch (code) {
            case OK, CANCELLED, UNKNOWN, DEADLINE_EXCEEDED, ABORTED, INTERNAL, UNAVAILABLE, RESOURCE_EXHAUSTED -> true;
            default -> false;
        };
    }
}
