package io.eventline.client.internal;

import io.eventline.client.EventlineException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acks batched into calls, remembered until the server confirms them, kept when it cannot be reached. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AckBatcherTest {
    /** Records each Ack call; the test completes them. */
    private static final class RecordingSender implements AckSender {
        private final List<List<String>> batches = new ArrayList<>();
        private final List<CompletableFuture<Void>> replies = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<?> ack(List<String> ackIds) {
            batches.add(ackIds);
            CompletableFuture<Void> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }

        synchronized CompletableFuture<Void> reply(int call) {
            return replies.get(call);
        }
    }

    private final RecordingSender sender = new RecordingSender();
    private final AckBatcher acks = new AckBatcher(sender, 3, Duration.ofHours(1));

    @Test
    void aBatchIsDueWhenFullAndGoesOutAsOneCall() {
        acks.add("a");
        acks.add("b");
        assertFalse(acks.isDue());
        acks.add("c");
        assertTrue(acks.isDue());

        acks.flush();

        assertEquals(List.of(List.of("a", "b", "c")), sender.batches);
        assertFalse(acks.isDue());
    }

    @Test
    void aBatchIsDueWhenItsOldestAckWaitedLongEnough() throws InterruptedException {
        AckBatcher quick = new AckBatcher(sender, 100, Duration.ofMillis(1));
        quick.add("a");
        Thread.sleep(5);

        assertTrue(quick.isDue());
    }

    @Test
    void anAckIsRememberedUntilTheServerConfirmsIt() {
        acks.add("a");
        acks.flush();
        assertTrue(acks.awaitingConfirmation("a"), "sent, not confirmed");

        sender.reply(0).complete(null);

        assertFalse(acks.awaitingConfirmation("a"));
    }

    @Test
    void acksTheServerCouldNotBeReachedForGoOutAgainWithTheNextFlush() {
        acks.add("a");
        acks.flush();
        sender.reply(0).completeExceptionally(new EventlineException(Status.Code.UNAVAILABLE, "server restarting", null));
        assertTrue(acks.awaitingConfirmation("a"));

        acks.add("b");
        acks.flush();

        assertEquals(List.of(List.of("a"), List.of("a", "b")), sender.batches);
    }

    @Test
    void acksTheServerRefusedAreDropped() {
        acks.add("a");
        acks.flush();
        sender.reply(0).completeExceptionally(new EventlineException(Status.Code.NOT_FOUND, "the group was deleted", null));

        assertFalse(acks.awaitingConfirmation("a"));
        acks.flush();
        assertEquals(1, sender.batches.size());
    }

    @Test
    void settlingWaitsForTheConfirmationAndGivesUpAfterItsTimeout() {
        acks.add("a");
        assertFalse(acks.settle(Duration.ofMillis(50)), "no reply yet");

        sender.reply(0).complete(null);

        assertTrue(acks.settle(Duration.ofMillis(50)));
        assertEquals(1, sender.batches.size(), "nothing was sent twice");
    }

    @Test
    void anAckAddedAgainIsSentOnce() {
        acks.add("a");
        acks.add("a");
        acks.flush();

        assertEquals(List.of(List.of("a")), sender.batches);
    }
}
