package io.eventline.examples.crash;

import io.eventline.client.EventlineClient;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.eventline.client.subscribe.SubscriptionTarget;

import java.time.Duration;

/**
 * A worker process that dies while handling its first delivery, before the ack: the JVM halts
 * (no shutdown hooks, no goodbye to the server), as when a machine loses power.
 * {@code java -cp eventline-examples.jar io.eventline.examples.crash.CrashingWorker <target> <group> <stream>}
 */
public final class CrashingWorker {
    public static final String CONSUMER = "doomed-worker";
    /** The exit status of the crash. */
    public static final int CRASHED = 42;
    /** Nothing arrived in time: the worker gives up (and so does the demo). */
    static final int NOTHING_ARRIVED = 3;
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private CrashingWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: CrashingWorker <target> <group> <stream>");
            System.exit(2);
        }
        // never closed: this process is about to die
        EventlineClient client = EventlineClient.connect(args[0]);
        client.subscribe(GroupSubscriptionSettings.builder(args[1], SubscriptionTarget.stream(args[2])).consumer(CONSUMER).build(), delivery -> {
            System.out.println("took " + delivery.event().stream() + "@" + delivery.event().version() + " " + delivery.event().type()
                    + "; the process dies before acking it");
            System.out.flush();
            Runtime.getRuntime().halt(CRASHED);
        });
        Thread.sleep(GIVE_UP_AFTER.toMillis());
        System.exit(NOTHING_ARRIVED);
    }
}
