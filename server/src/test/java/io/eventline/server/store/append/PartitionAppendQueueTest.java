package io.eventline.server.store.append;

import io.eventline.server.store.ScriptReply;
import io.eventline.server.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The queue alone, its script calls made by a hand-written fake that the test answers. */
class PartitionAppendQueueTest {
    private final List<List<QueuedAppend>> calls = new ArrayList<>();
    private final List<CompletableFuture<List<ScriptReply>>> answers = new ArrayList<>();
    private final PartitionAppendQueue queue = queue(1);

    @Test
    void whenTheWholeCallFailsEachOfItsAppendsFailsWithTheSameError() {
        CompletableFuture<ScriptReply> first = queue.submit(append());
        CompletableFuture<ScriptReply> second = queue.submit(append());
        CompletableFuture<ScriptReply> third = queue.submit(append());
        answers.get(0).complete(List.of(reply("OK")));
        assertEquals(2, calls.get(1).size());

        StoreUnavailableException lost = new StoreUnavailableException("connection lost");
        answers.get(1).completeExceptionally(lost);

        assertEquals("OK", first.join().outcome());
        assertSame(lost, assertThrows(CompletionException.class, second::join).getCause());
        assertSame(lost, assertThrows(CompletionException.class, third::join).getCause());
        assertEquals(2, calls.size());
    }

    @Test
    void afterACallWithNothingWaitingTheNextAppendIsSentAtOnce() {
        queue.submit(append());
        answers.get(0).complete(List.of(reply("OK")));

        queue.submit(append());

        assertEquals(2, calls.size());
        assertEquals(1, calls.get(1).size());
    }

    @Test
    void aCallThatFailsBeforeItIsSentFailsItsAppendsAndTheNextAppendIsSentAtOnce() {
        PartitionAppendQueue failing = new PartitionAppendQueue(0, GroupCommitLimits.DEFAULTS, batch -> {
            throw new IllegalStateException("not connected");
        });

        CompletableFuture<ScriptReply> refused = failing.submit(append());

        assertEquals("not connected", assertThrows(CompletionException.class, refused::join).getCause().getMessage());
        assertEquals("not connected", assertThrows(CompletionException.class, failing.submit(append())::join).getCause().getMessage());
    }

    @Test
    void withTwoCallsInFlightAppendsWaitOnlyWhenBothAreTakenAndAFreedSlotGoesToThoseWaiting() {
        PartitionAppendQueue twoInFlight = queue(2);
        CompletableFuture<ScriptReply> first = twoInFlight.submit(append());
        CompletableFuture<ScriptReply> second = twoInFlight.submit(append());
        assertEquals(2, calls.size(), "a free slot sends at once");
        CompletableFuture<ScriptReply> third = twoInFlight.submit(append());
        CompletableFuture<ScriptReply> fourth = twoInFlight.submit(append());
        assertEquals(2, calls.size(), "both slots taken: the rest wait");

        answers.get(1).complete(List.of(reply("OK")));
        assertEquals(3, calls.size());
        assertEquals(2, calls.get(2).size(), "the waiting appends share the freed slot's next call");
        CompletableFuture<ScriptReply> fifth = twoInFlight.submit(append());
        assertEquals(3, calls.size(), "the first call still holds the other slot");

        answers.get(0).complete(List.of(reply("OK")));
        answers.get(2).complete(List.of(reply("OK"), reply("DUP")));
        assertEquals(4, calls.size());
        answers.get(3).complete(List.of(reply("WRONG")));
        assertEquals(List.of("OK", "OK", "OK", "DUP", "WRONG"),
                List.of(first, second, third, fourth, fifth).stream().map(reply -> reply.join().outcome()).toList());
        twoInFlight.submit(append());
        assertEquals(5, calls.size(), "nothing in flight: sent at once");
    }

    private PartitionAppendQueue queue(int callsInFlight) {
        return new PartitionAppendQueue(0, new GroupCommitLimits(callsInFlight, 1000, 4 * 1024 * 1024, 100_000, 64 * 1024 * 1024), batch -> {
            calls.add(batch);
            CompletableFuture<List<ScriptReply>> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });
    }

    private static QueuedAppend append() {
        return QueuedAppend.of(new byte[4][], new byte[][] {new byte[10]}, 1);
    }

    private static ScriptReply reply(String outcome) {
        return new ScriptReply(List.of(outcome.getBytes(StandardCharsets.UTF_8)));
    }
}
