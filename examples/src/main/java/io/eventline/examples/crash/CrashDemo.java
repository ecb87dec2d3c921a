package io.eventline.examples.crash;

import io.eventline.client.EventlineClient;
import io.eventline.client.admin.GroupSettings;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.eventline.client.subscribe.SubscriptionStart;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.examples.DemoFailedException;
import io.eventline.examples.Eventually;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Crash recovery: a worker process takes a payment event and dies before acking it; after the
 * group's ack timeout the event goes to another worker, with a higher delivery count.
 */
public final class CrashDemo {
    /** Short, so the redelivery comes quickly. */
    private static final GroupSettings SETTINGS = new GroupSettings(Duration.ofSeconds(1), 5);

    private final EventlineClient client;
    private final String target;
    private final PrintStream out;
    private final Duration wait;

    public CrashDemo(EventlineClient client, String target, PrintStream out, Duration wait) {
        this.client = requireNonNull(client, "client is null");
        this.target = requireNonNull(target, "target is null");
        this.out = requireNonNull(out, "out is null");
        this.wait = requireNonNull(wait, "wait is null");
    }

    public CrashOutcome run(String stream, String group) throws InterruptedException {
        client.groups().create(group, SubscriptionTarget.stream(stream), SETTINGS, SubscriptionStart.beginning());
        Process worker = startWorker(group, stream);
        int exitStatus;
        try {
            Eventually.await("the worker process subscribed", wait,
                    () -> client.groups().describe(group).consumers().stream().anyMatch(consumer -> consumer.name().equals(CrashingWorker.CONSUMER)),
                    () -> client.groups().describe(group).toString());
            client.appendBlocking(stream, ExpectedVersion.noStream(), List.of(EventData.json("PaymentCaptured", "{\"amountCents\":4200}")));
            if (!worker.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DemoFailedException("the worker process did not take the event within " + wait);
            }
            exitStatus = worker.exitValue();
        }
        finally {
            worker.destroyForcibly();
        }
        out.println("   the worker process exited with status " + exitStatus + "; the event is still pending in group " + group);

        CompletableFuture<CrashOutcome> redelivered = new CompletableFuture<>();
        try (GroupSubscription survivor = client.subscribe(GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream)).consumer("survivor").build(),
                delivery -> redelivered.complete(new CrashOutcome(exitStatus, delivery.event().version(), delivery.deliveryCount())))) {
            CrashOutcome outcome = redelivered.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            out.println("   after the ack timeout the survivor got " + stream + "@" + outcome.eventVersion() + " (delivery " + outcome.deliveryCountAtSurvivor()
                    + ") and acked it");
            return outcome;
        }
        catch (ExecutionException | TimeoutException e) {
            throw new DemoFailedException("the event was not redelivered to the survivor within " + wait + ": " + e);
        }
    }

    /** The worker is a JVM of its own, on this process's class path, so that it can really die. */
    private Process startWorker(String group, String stream) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingWorker.class.getName(), target, group, stream)
                .redirectErrorStream(true);
        Process worker;
        try {
            worker = builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker process", e);
        }
        Thread copier = new Thread(() -> copyOutput(worker), "crash-demo-worker-output");
        copier.setDaemon(true);
        copier.start();
        return worker;
    }

    private void copyOutput(Process worker) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println("   [worker] " + line);
            }
        }
        catch (IOException e) {
            // the process is gone; so is its output
        }
    }
}
