package io.eventline.loadtest.scenario;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The subscription scenarios' shape: {@code groups} x {@code consumers} on a backlog of {@code backlog}
 * events (groups), appends per second (latency), idle subscriptions opened (idle-subscriptions);
 * consumers ask for {@code maxInFlight}, for deliveries in batches of up to {@code batchSize} (1: one
 * per message) and ack in batches of {@code ackBatch}. {@code serverPid},
 * when known, lets idle-subscriptions read the server's RSS and heap.
 */
public record SubscriptionLoad(
        int groups,
        int consumers,
        int backlog,
        int maxInFlight,
        int batchSize,
        int ackBatch,
        double rps,
        int subscriptions,
        OptionalLong serverPid) {
    /** The server's limit on a Subscribe's max_batch_size. */
    public static final int MAX_BATCH_SIZE = 1000;
    /** What the Java SDK asks for by default: maxInFlight, at most this. */
    public static final int SDK_DEFAULT_BATCH_SIZE = 100;

    public SubscriptionLoad {
        requireNonNull(serverPid, "serverPid is null");
        ScenarioSettings.atLeast(1, groups, "--groups");
        ScenarioSettings.atLeast(1, consumers, "--consumers");
        ScenarioSettings.atLeast(0, backlog, "--backlog");
        ScenarioSettings.atLeast(1, maxInFlight, "--max-in-flight");
        ScenarioSettings.atLeast(1, ackBatch, "--ack-batch");
        ScenarioSettings.atLeast(1, batchSize, "--batch-size");
        if (batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("--batch-size must be at most " + MAX_BATCH_SIZE + " (the server's limit), is " + batchSize);
        }
        ScenarioSettings.atLeast(1, subscriptions, "--subscriptions");
        if (rps <= 0) {
            throw new IllegalArgumentException("--rps must be above 0");
        }
    }
}
