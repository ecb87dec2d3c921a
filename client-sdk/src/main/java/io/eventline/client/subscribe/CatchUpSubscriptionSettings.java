package io.eventline.client.subscribe;

import io.eventline.client.Backoff;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A catch-up subscription: its target, where it begins (or the checkpoint it resumes after), and how often it reports checkpoints. */
public final class CatchUpSubscriptionSettings {
    /** The most events a server puts in one message (its limit on {@code max_batch_size}). */
    public static final int MAX_BATCH_SIZE = GroupSubscriptionSettings.MAX_BATCH_SIZE;

    private final SubscriptionTarget target;
    private final SubscriptionStart start;
    private final Optional<Checkpoint> resumeAfter;
    private final int checkpointEvery;
    private final int maxBatchSize;
    private final CheckpointListener checkpointListener;
    private final Backoff reconnectBackoff;
    private final UndecodableEventPolicy undecodableEvents;

    private CatchUpSubscriptionSettings(Builder builder) {
        this.target = builder.target;
        this.start = builder.start;
        this.resumeAfter = builder.resumeAfter;
        this.checkpointEvery = builder.checkpointEvery;
        this.maxBatchSize = builder.maxBatchSize;
        this.checkpointListener = builder.checkpointListener;
        this.reconnectBackoff = builder.reconnectBackoff;
        this.undecodableEvents = builder.undecodableEvents;
    }

    public static Builder builder(SubscriptionTarget target) {
        return new Builder(target);
    }

    public SubscriptionTarget target() {
        return target;
    }

    public SubscriptionStart start() {
        return start;
    }

    public Optional<Checkpoint> resumeAfter() {
        return resumeAfter;
    }

    public int checkpointEvery() {
        return checkpointEvery;
    }

    public CheckpointListener checkpointListener() {
        return checkpointListener;
    }

    /** Events the server may send in one message; 1: one per message. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    public Backoff reconnectBackoff() {
        return reconnectBackoff;
    }

    public UndecodableEventPolicy undecodableEvents() {
        return undecodableEvents;
    }

    public static final class Builder {
        private final SubscriptionTarget target;
        private SubscriptionStart start = SubscriptionStart.beginning();
        private Optional<Checkpoint> resumeAfter = Optional.empty();
        private int checkpointEvery = 100;
        private int maxBatchSize = 100;
        private CheckpointListener checkpointListener = checkpoint -> {
        };
        private Backoff reconnectBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2);
        private UndecodableEventPolicy undecodableEvents = UndecodableEventPolicy.STOP;

        private Builder(SubscriptionTarget target) {
            this.target = requireNonNull(target, "target is null");
        }

        /** Where to begin when there is no checkpoint to resume after (default: the beginning). */
        public Builder start(SubscriptionStart start) {
            this.start = requireNonNull(start, "start is null");
            return this;
        }

        /** Begin just after this checkpoint (a stored one from an earlier run); overrides {@link #start}. */
        public Builder resumeAfter(Checkpoint checkpoint) {
            this.resumeAfter = Optional.of(requireNonNull(checkpoint, "checkpoint is null"));
            return this;
        }

        /** Report a checkpoint after this many handled events at most (default 100). */
        public Builder checkpointEvery(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("checkpointEvery must be at least 1: " + events);
            }
            this.checkpointEvery = events;
            return this;
        }

        /**
         * Events the server may send in one message when several are ready at once (default 100); 1 asks for one per
         * message. The handler still gets one event at a time. A server without batches ignores this.
         */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("maxBatchSize must be between 1 and " + MAX_BATCH_SIZE + " (the server's limit): " + maxBatchSize);
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        public Builder checkpointListener(CheckpointListener listener) {
            this.checkpointListener = requireNonNull(listener, "listener is null");
            return this;
        }

        public Builder reconnectBackoff(Backoff reconnectBackoff) {
            this.reconnectBackoff = requireNonNull(reconnectBackoff, "reconnectBackoff is null");
            return this;
        }

        /**
         * What to do with an event the handler cannot decode: {@link UndecodableEventPolicy#STOP} (the default: a
         * read model that skips an event is silently wrong) or {@link UndecodableEventPolicy#SKIP}. There is no group
         * to park in, so {@link UndecodableEventPolicy#PARK} is refused.
         */
        public Builder undecodableEvents(UndecodableEventPolicy policy) {
            if (requireNonNull(policy, "policy is null") == UndecodableEventPolicy.PARK) {
                throw new IllegalArgumentException("PARK needs a consumer group; a catch-up subscription or projection can STOP or SKIP");
            }
            this.undecodableEvents = policy;
            return this;
        }

        public CatchUpSubscriptionSettings build() {
            return new CatchUpSubscriptionSettings(this);
        }
    }
}
