package io.eventline.server.metrics;

import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.Caller;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupSettings;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.SubscriptionHub;
import io.eventline.server.store.subscribe.SubscriptionStart;
import io.eventline.server.store.subscribe.SubscriptionTarget;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(RedisExtension.class)
@Timeout(60)
class GroupMetricsTest {
    @Test
    void refreshPublishesTheGaugesOfEveryGroup(TestRedis testRedis) throws Exception {
        try (RedisConnection redis = testRedis.connect()) {
            var commands = redis.commands();
            GroupStore groups = new GroupStore(commands, new StoreKeys(testRedis.newNamespace(), testRedis.partitions()), new EventEntryCodec(),
                    Clock.systemUTC());
            Set<String> names = IntStream.range(0, 30).mapToObj(i -> "group-" + i).collect(Collectors.toSet());
            for (String name : names) {
                groups.create(name, SubscriptionTarget.stream(StreamName.parse("order-" + name, "stream")), GroupSettings.defaults(),
                        new SubscriptionStart.Beginning(), Caller.trusted()).get(10, TimeUnit.SECONDS);
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();

            try (GroupMetrics metrics = new GroupMetrics(new EventlineMetrics(registry), groups, new GroupAdmin(commands, groups, new SubscriptionHub()),
                    Duration.ofSeconds(30))) {
                metrics.refresh();
            }

            for (String gauge : List.of("eventline.group.lag", "eventline.group.pending", "eventline.group.parked")) {
                Set<String> published = registry.find(gauge).gauges().stream().map(found -> found.getId().getTag("group")).collect(Collectors.toSet());
                assertEquals(names, published, gauge);
            }
        }
    }
}
