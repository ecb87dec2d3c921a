package io.eventline.client.subscribe;

import io.eventline.client.Backoff;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A consumer group subscription: the group and its target, this consumer's name, how many
 * deliveries may be unsettled at once, how acks are batched, and how failures are retried.
 */
public final class GroupSubscriptionSettings {
    private final String group;
    private final SubscriptionTarget target;
    private final Optional<String> consumer;
    private final SubscriptionStart start;
    private final int maxInFlight;
    private final int maxBatchSize;
    /** The most ack ids the server takes in one Ack. */
    public static final int MAX_ACK_BATCH_SIZE = 1000;
    /** The most deliveries a server puts in one message (its limit on {@code max_batch_size}). */
    public static final int MAX_BATCH_SIZE = 1000;
    /** The batch size asked for unless set: this, or maxInFlight when smaller. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 100;

    private final int ackBatchSize;
    private final Duration ackMaxDelay;
    private final Backoff retryBackoff;
    private final Backoff reconnectBackoff;
    private final UndecodableEventPolicy undecodableEvents;

    private GroupSubscriptionSettings(Builder builder) {
        this.group = builder.group;
        this.target = builder.target;
        this.consumer = builder.consumer;
        this.start = builder.start;
        this.maxInFlight = builder.maxInFlight;
        this.maxBatchSize = builder.maxBatchSize.orElse(Math.min(builder.maxInFlight, DEFAULT_MAX_BATCH_SIZE));
        this.ackBatchSize = builder.ackBatchSize;
        this.ackMaxDelay = builder.ackMaxDelay;
        this.retryBackoff = builder.retryBackoff;
        this.reconnectBackoff = builder.reconnectBackoff;
        this.undecodableEvents = builder.undecodableEvents;
    }

    public static Builder builder(String group, SubscriptionTarget target) {
        return new Builder(group, target);
    }

    public String group() {
        return group;
    }

    public SubscriptionTarget target() {
        return target;
    }

    public Optional<String> consumer() {
        return consumer;
    }

    public SubscriptionStart start() {
        return start;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Deliveries the server may send in one message; 1: one per message. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    public int ackBatchSize() {
        return ackBatchSize;
    }

    public Duration ackMaxDelay() {
        return ackMaxDelay;
    }

    public Backoff retryBackoff() {
        return retryBackoff;
    }

    public Backoff reconnectBackoff() {
        return reconnectBackoff;
    }

    public UndecodableEventPolicy undecodableEvents() {
        return undecodableEvents;
    }

    public static final class Builder {
        private final String group;
        private final SubscriptionTarget target;
        private Optional<String> consumer = Optional.empty();
        private SubscriptionStart start = SubscriptionStart.beginning();
        private int maxInFlight = 100;
        private Optional<Integer> maxBatchSize = Optional.empty();
        private int ackBatchSize = 64;
        private Duration ackMaxDelay = Duration.ofMillis(50);
        private Backoff retryBackoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2);
        private Backoff reconnectBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2);
        private UndecodableEventPolicy undecodableEvents = UndecodableEventPolicy.PARK;

        private Builder(String group, SubscriptionTarget target) {
            this.group = requireNonNull(group, "group is null");
            this.target = requireNonNull(target, "target is null");
        }

        /**
         * This consumer's name in the group. Keep it stable across restarts of the same worker: a
         * consumer that comes back under its name gets its unsettled deliveries first. By default a
         * random name, kept for the subscription's life (so reconnects keep it).
         */
        public Builder consumer(String consumer) {
            this.consumer = Optional.of(requireNonNull(consumer, "consumer is null"));
            return this;
        }

        /** Where the group begins if this subscription creates it (default: the beginning). */
        public Builder start(SubscriptionStart start) {
            this.start = requireNonNull(start, "start is null");
            return this;
        }

        /** Deliveries awaiting their ack at most (default 100): the server sends no more until some are settled. */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /**
         * Deliveries the server may send in one message when several are ready at once (default: maxInFlight, at most
         * {@value #DEFAULT_MAX_BATCH_SIZE}); 1 asks for one delivery per message. The handler still gets one delivery at
         * a time, and each is settled on its own. A server without batches ignores this and sends one per message.
         */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("maxBatchSize must be between 1 and " + MAX_BATCH_SIZE + " (the server's limit): " + maxBatchSize);
            }
            this.maxBatchSize = Optional.of(maxBatchSize);
            return this;
        }

        /** Acks sent in one call at most (default 64); capped at half of maxInFlight so the window never starves. */
        public Builder ackBatchSize(int ackBatchSize) {
            if (ackBatchSize < 1 || ackBatchSize > MAX_ACK_BATCH_SIZE) {
                throw new IllegalArgumentException("ackBatchSize must be between 1 and " + MAX_ACK_BATCH_SIZE + " (the server's limit per Ack): " + ackBatchSize);
            }
            this.ackBatchSize = ackBatchSize;
            return this;
        }

        /** How long an ack may wait for its batch to fill while deliveries keep arriving (default 50 ms). */
        public Builder ackMaxDelay(Duration ackMaxDelay) {
            this.ackMaxDelay = requireNonNull(ackMaxDelay, "ackMaxDelay is null");
            return this;
        }

        /** The delay before a failed delivery is retried, by its delivery count (default 0.5 s doubling to 30 s; the server caps it at the ack timeout). */
        public Builder retryBackoff(Backoff retryBackoff) {
            this.retryBackoff = requireNonNull(retryBackoff, "retryBackoff is null");
            return this;
        }

        /** The delay before subscribing again after the call was lost (default 0.1 s doubling to 5 s). */
        public Builder reconnectBackoff(Backoff reconnectBackoff) {
            this.reconnectBackoff = requireNonNull(reconnectBackoff, "reconnectBackoff is null");
            return this;
        }

        /** What to do with a delivery the handler cannot decode (default {@link UndecodableEventPolicy#PARK}: set aside with the reason, the group goes on). */
        public Builder undecodableEvents(UndecodableEventPolicy policy) {
            this.undecodableEvents = requireNonNull(policy, "policy is null");
            return this;
        }

        public GroupSubscriptionSettings build() {
            return new GroupSubscriptionSettings(this);
        }
    }
}
