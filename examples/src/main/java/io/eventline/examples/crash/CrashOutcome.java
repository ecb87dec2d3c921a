package io.eventline.examples.crash;

/** What the crash demo saw: how the worker ended, and the delivery count of the event when it came to the survivor. */
public record CrashOutcome(int workerExitStatus, long eventVersion, int deliveryCountAtSurvivor) {
}
