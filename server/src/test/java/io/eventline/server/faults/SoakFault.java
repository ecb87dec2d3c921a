package io.eventline.server.faults;

import io.grpc.Channel;

import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What happens in the middle of the soak. Round 1: a reader joins the load (the streams exist by
 * then), the load runs steady, then the embedded redis-server is killed with SIGKILL and the server's
 * supervisor starts it again. Round 2: a catch-up subscriber that has started reading stops asking
 * for anything for the scale's pause while the load goes on, then reads again.
 */
final class SoakFault implements Fault, AutoCloseable {
    private static final Duration FIRST_DELIVERY_BOUND = Duration.ofSeconds(60);

    private final EmbeddedRedisControl redis;
    private final Channel channel;
    private final SoakScale scale;
    private final PausedSubscriber paused;
    private ReadLoad reads;
    private long redisKills;
    private long receivedWhilePaused;

    /** @param port the server's gRPC port, for the paused subscriber's connection of its own */
    SoakFault(EmbeddedRedisControl redis, Channel channel, int port, SoakScale scale) {
        this.redis = requireNonNull(redis, "redis is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.scale = requireNonNull(scale, "scale is null");
        this.paused = new PausedSubscriber(port);
    }

    @Override
    public void strike(int round) throws Exception {
        if (round == 1) {
            reads = ReadLoad.start(channel, scale.faults().appenders());
            Thread.sleep(scale.faults().betweenFaults().toMillis());
            redis.kill9AndAwaitRestart();
            redisKills++;
        }
        else {
            pauseASubscriber();
        }
    }

    private void pauseASubscriber() throws InterruptedException {
        paused.start();
        long deadline = System.nanoTime() + FIRST_DELIVERY_BOUND.toNanos();
        while (paused.receivedCount() == 0) {
            if (System.nanoTime() > deadline || paused.ended().isPresent()) {
                throw new AssertionError("the subscriber to be paused received nothing within " + FIRST_DELIVERY_BOUND + ", ended: " + paused.ended());
            }
            Thread.sleep(50);
        }
        paused.pause();
        int before = paused.receivedCount();
        Thread.sleep(scale.pause().toMillis());
        receivedWhilePaused = paused.receivedCount() - before;
        paused.resume();
    }

    PausedSubscriber pausedSubscriber() {
        return paused;
    }

    /** Stops the reader; what it saw. */
    ReadLoad.Result stopReads() throws Exception {
        return reads.stop();
    }

    @Override
    public Map<String, Long> details() {
        return Map.of("redis-kills", redisKills, "paused-seconds", scale.pause().toSeconds(), "received-while-paused", receivedWhilePaused);
    }

    @Override
    public void close() {
        if (reads != null) {
            reads.close();
        }
        paused.close();
    }
}
