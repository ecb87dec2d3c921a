package io.eventline.server.faults;

import io.eventline.server.testing.RunningServer;
import io.grpc.Channel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A fault run against one server wired as Main wires it (Guice, Netty on loopback) in the test's JVM,
 * on a Redis of the test's own; two consumers per group on that server.
 */
final class SingleServerFaultRun {
    private static final Duration ACK_EVERY = Duration.ofMillis(100);

    private SingleServerFaultRun() {
    }

    /** @param fault the fault, given the Redis it may break */
    static FaultSummary run(String name, Path redisData, Function<FaultRedis, Fault> fault) throws Exception {
        try (FaultRedis redis = FaultRedis.start(redisData);
             RunningServer server = RunningServer.start(redis.uri(), "faults", FaultRun.SERVER_FLAGS.toArray(String[]::new))) {
            Channel channel = server.channel();
            List<ConsumerSite> sites = List.of(new ConsumerSite("worker-1", channel, ACK_EVERY), new ConsumerSite("worker-2", channel, ACK_EVERY));
            return new FaultRun(name, FaultScale.fromSystemProperty(), FaultStore.singlePartition(redis.admin(), server.namespace()), channel, channel, sites)
                    .run(fault.apply(redis));
        }
    }
}
