package io.eventline.server.store.subscribe;

import java.time.Instant;
import java.util.List;

/** A client that takes nothing (never ready) and ignores what it is sent; tests override what they look at. */
class NoOpSink implements SubscriptionSink {
    @Override
    public boolean isReady() {
        return false;
    }

    @Override
    public void confirmed(String group, String consumer, String subscriptionId) {
    }

    @Override
    public void deliver(List<Delivery> deliveries) {
    }

    @Override
    public void caughtUp() {
    }

    @Override
    public void heartbeat(Instant now) {
    }

    @Override
    public void failed(Throwable error) {
    }
}
