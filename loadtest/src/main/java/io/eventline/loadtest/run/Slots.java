package io.eventline.loadtest.run;

import java.time.Duration;

/** The workers a dispatched run sends through: a request takes a worker's slot and gives it back when it ends. */
interface Slots {
    /** A slot to send the next request on, or null when none is free by {@code deadline} ({@link System#nanoTime()}). */
    Integer take(long deadline) throws InterruptedException;

    void giveBack(int slot);

    /** Waits until every request has ended or {@code drainTimeout} has passed; returns how many are still in flight. */
    int drain(Duration drainTimeout) throws InterruptedException;
}
