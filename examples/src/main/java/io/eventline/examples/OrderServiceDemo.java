package io.eventline.examples;

import io.eventline.client.EventlineClient;

import java.time.Duration;

/**
 * Runs the order-service demo against a server:
 * {@code java -cp examples/target/eventline-examples.jar io.eventline.examples.OrderServiceDemo 127.0.0.1:50051}.
 * Exits with 0 when every step saw what it expected, 1 otherwise.
 */
public final class OrderServiceDemo {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private OrderServiceDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        String target = args.length > 0 ? args[0] : "127.0.0.1:50051";
        System.out.println("Order-service demo against " + target);
        try (EventlineClient client = EventlineClient.connect(target)) {
            new DemoFlow(client, target, System.out, WAIT).run();
        }
        catch (DemoFailedException e) {
            System.out.println();
            System.out.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.out.println();
        System.out.println("Done: every step saw what it expected.");
    }
}
