package io.eventline.server.store.append;

import io.eventline.server.store.AppendQueueFullException;
import io.eventline.server.store.ScriptReply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Group commit for one partition: while its most script calls are in flight, the appends that arrive
 * wait, and the next call carries as many of them as its caps allow, in arrival order. No timer: an
 * append that finds a call slot free is sent at once, on the caller's thread. Appends wait only while
 * every slot is taken, so a freed slot always goes to those waiting first.
 */
final class PartitionAppendQueue {
    private final int partition;
    private final GroupCommitLimits limits;
    private final Function<List<QueuedAppend>, CompletableFuture<List<ScriptReply>>> call;
    private final ArrayDeque<QueuedAppend> waiting = new ArrayDeque<>();
    private long waitingEvents;
    private long waitingBytes;
    private int callsInFlight;

    /** @param call sends one script call with these appends and completes with their replies, in order */
    PartitionAppendQueue(int partition, GroupCommitLimits limits, Function<List<QueuedAppend>, CompletableFuture<List<ScriptReply>>> call) {
        this.partition = partition;
        this.limits = requireNonNull(limits, "limits is null");
        this.call = requireNonNull(call, "call is null");
    }

    CompletableFuture<ScriptReply> submit(QueuedAppend append) {
        synchronized (this) {
            if (callsInFlight == limits.maxCallsInFlight()) {
                if (waitingEvents + append.events() > limits.maxQueuedEvents()) {
                    return CompletableFuture.failedFuture(new AppendQueueFullException(partition,
                            waitingEvents + " events queued, store.group-commit.max-queued-events is " + limits.maxQueuedEvents()));
                }
                if (waitingBytes + append.bytes() > limits.maxQueuedBytes()) {
                    return CompletableFuture.failedFuture(new AppendQueueFullException(partition,
                            waitingBytes + " bytes queued, store.group-commit.max-queued-bytes is " + limits.maxQueuedBytes()));
                }
                waiting.add(append);
                waitingEvents += append.events();
                waitingBytes += append.bytes();
                return append.reply();
            }
            callsInFlight++;
        }
        send(List.of(append));
        return append.reply();
    }

    /** Sends batches until none waits; a call that completes at once is followed in this loop, not by recursion. */
    private void send(List<QueuedAppend> first) {
        List<QueuedAppend> batch = first;
        while (batch != null) {
            CompletableFuture<List<ScriptReply>> replies = start(batch);
            if (!replies.isDone()) {
                List<QueuedAppend> sent = batch;
                replies.whenComplete((done, error) -> {
                    List<QueuedAppend> next = takeNext();
                    answer(sent, done, error);
                    if (next != null) {
                        send(next);
                    }
                });
                return;
            }
            List<QueuedAppend> next = takeNext();
            Throwable failure = failureOf(replies);
            answer(batch, failure == null ? replies.join() : null, failure);
            batch = next;
        }
    }

    private CompletableFuture<List<ScriptReply>> start(List<QueuedAppend> batch) {
        try {
            return call.apply(batch);
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        }
        catch (RuntimeException e) {
            return e;
        }
    }

    /** After a call: the next batch, within the call caps (at least one append), keeping the call's slot; or null, freeing it, when none waits. */
    private synchronized List<QueuedAppend> takeNext() {
        if (waiting.isEmpty()) {
            callsInFlight--;
            return null;
        }
        List<QueuedAppend> batch = new ArrayList<>();
        long events = 0;
        long bytes = 0;
        while (!waiting.isEmpty()) {
            QueuedAppend next = waiting.peek();
            if (!batch.isEmpty() && (events + next.events() > limits.maxCallEvents() || bytes + next.bytes() > limits.maxCallBytes())) {
                break;
            }
            waiting.poll();
            events += next.events();
            bytes += next.bytes();
            batch.add(next);
        }
        waitingEvents -= events;
        waitingBytes -= bytes;
        return batch;
    }

    /** Each append gets its own reply; when the whole call failed, each gets the call's failure. */
    private static void answer(List<QueuedAppend> batch, List<ScriptReply> replies, Throwable error) {
        if (error == null && replies.size() != batch.size()) {
            error = new IllegalStateException("the append script answered " + replies.size() + " of " + batch.size() + " appends");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (error == null) {
                batch.get(i).reply().complete(replies.get(i));
            }
            else {
                batch.get(i).reply().completeExceptionally(error);
            }
        }
    }
}
