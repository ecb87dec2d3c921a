package io.eventline.server.concurrent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** Schedulers on named daemon threads, so a forgotten one never keeps the JVM alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ScheduledExecutorService scheduler(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threads == 1 ? name : name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
