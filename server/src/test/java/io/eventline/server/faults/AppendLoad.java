package io.eventline.server.faults;

import io.grpc.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Several {@link Appender}s on their own threads, started together and stopped together. */
final class AppendLoad implements AutoCloseable {
    private final Duration giveUpAfterStop;
    private final ExecutorService threads;
    private final List<Future<AppendLedger>> appenders = new ArrayList<>();
    private final AtomicLong acknowledgedEvents = new AtomicLong();
    private volatile long stoppedAtNanos;
    private volatile boolean stopping;

    private AppendLoad(int count, Duration giveUpAfterStop) {
        this.threads = Executors.newFixedThreadPool(count);
        this.giveUpAfterStop = giveUpAfterStop;
    }

    /** @param giveUpAfterStop how long an append still unacknowledged when the load stops keeps being retried */
    static AppendLoad start(Channel channel, int count, Duration giveUpAfterStop) {
        AppendLoad load = new AppendLoad(count, giveUpAfterStop);
        for (int number = 0; number < count; number++) {
            load.appenders.add(load.threads.submit(new Appender(channel, number, () -> load.stopping, load::givenUp, load.acknowledgedEvents)));
        }
        return load;
    }

    private boolean givenUp() {
        return stopping && System.nanoTime() - stoppedAtNanos > giveUpAfterStop.toNanos();
    }

    long acknowledgedEvents() {
        return acknowledgedEvents.get();
    }

    /** Waits until the appenders got at least {@code events} more events acknowledged than when called. */
    void awaitProgress(long events, Duration bound) throws InterruptedException {
        long target = acknowledgedEvents.get() + events;
        long deadline = System.nanoTime() + bound.toNanos();
        while (acknowledgedEvents.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the load acknowledged only " + acknowledgedEvents.get() + " events of " + target + " within " + bound);
            }
            Thread.sleep(50);
        }
    }

    /** Starts no new append, lets those in flight finish (retrying them), and merges the appenders' ledgers. */
    AppendLedger stop() throws InterruptedException, ExecutionException, TimeoutException {
        stoppedAtNanos = System.nanoTime();
        stopping = true;
        AppendLedger all = new AppendLedger();
        for (Future<AppendLedger> appender : appenders) {
            all.addAll(appender.get(giveUpAfterStop.toSeconds() + 30, TimeUnit.SECONDS));
        }
        return all;
    }

    @Override
    public void close() {
        stopping = true;
        threads.shutdownNow();
    }
}
