package io.eventline.loadtest.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The worker slots of a paced run: a request takes a free slot and gives it back when it ends. With
 * a concurrency schedule only the slots below the number of workers wanted now are handed out; the
 * others are set aside until the schedule reaches them. One thread takes, any thread gives back.
 */
final class WorkerSlots implements Slots {
    private final ConcurrencySchedule schedule;
    private final long startNanos;
    private final int count;
    private final BlockingQueue<Integer> free;
    /** Taken out of the queue while above the wanted number; touched by the taking thread only. */
    private final List<Integer> setAside = new ArrayList<>();

    WorkerSlots(ConcurrencySchedule schedule, long startNanos) {
        this.schedule = requireNonNull(schedule, "schedule is null");
        this.startNanos = startNanos;
        this.count = schedule.maximum();
        this.free = new ArrayBlockingQueue<>(count);
        for (int slot = 0; slot < count; slot++) {
            free.add(slot);
        }
    }

    @Override
    public Integer take(long deadline) throws InterruptedException {
        while (true) {
            int wanted = schedule.workersAt(Duration.ofNanos(System.nanoTime() - startNanos));
            setAside.removeIf(slot -> slot < wanted && free.add(slot));
            long wait = deadline == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(10) : Math.min(deadline - System.nanoTime(),
                    TimeUnit.MILLISECONDS.toNanos(10));
            if (wait <= 0) {
                return null;
            }
            // waits in short turns, so that a schedule that adds workers is seen
            Integer slot = free.poll(schedule.isConstant() && deadline == Long.MAX_VALUE ? Long.MAX_VALUE : wait, TimeUnit.NANOSECONDS);
            if (slot == null) {
                continue;
            }
            if (slot < wanted) {
                return slot;
            }
            setAside.add(slot);
        }
    }

    @Override
    public void giveBack(int slot) {
        free.add(slot);
    }

    @Override
    public int drain(Duration drainTimeout) throws InterruptedException {
        long drainDeadline = System.nanoTime() + drainTimeout.toNanos();
        int returned = setAside.size();
        while (returned < count) {
            long wait = drainDeadline - System.nanoTime();
            if (free.poll(Math.max(0, wait), TimeUnit.NANOSECONDS) == null) {
                break;
            }
            returned++;
        }
        return count - returned;
    }
}
