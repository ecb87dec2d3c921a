package io.eventline.server.faults;

import io.eventline.proto.v1.RecordedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;
import io.grpc.Channel;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the store after a fault run against what the appenders were told. Through the server's
 * ReadStream: each stream runs gap-free from version 1, holds each event id once, holds every
 * acknowledged event and nothing that was never sent. Directly in Redis: each stream key's length,
 * its recorded version and its pointers in the partition log agree with what ReadStream returned.
 */
final class StoreAudit {
    private static final int LOG_PAGE = 1000;

    private final StoreReader reader;
    private final RedisClusterCommands<String, String> redis;
    private final StoreKeys keys;
    private final int partitions;

    StoreAudit(Channel channel, FaultStore store) {
        this.reader = new StoreReader(channel);
        this.redis = store.redis();
        this.keys = store.keys();
        this.partitions = store.partitions();
    }

    /** What the store holds, what acknowledged events it lacks, what it holds twice, and anything else wrong. */
    record Result(Set<String> storedIds, long lost, long duplicated, List<String> problems) {
    }

    Result audit(AppendLedger ledger) {
        Set<String> stored = new HashSet<>();
        List<String> problems = new ArrayList<>();
        long duplicated = 0;
        Map<String, Integer> pointers = pointersByStream();
        for (String stream : ledger.streams()) {
            List<RecordedEvent> read = reader.read(stream);
            for (int i = 0; i < read.size(); i++) {
                if (read.get(i).getVersion() != i + 1) {
                    problems.add(stream + " has version " + read.get(i).getVersion() + " at index " + i + ": versions must run 1.." + read.size());
                    break;
                }
            }
            for (RecordedEvent event : read) {
                if (!stored.add(event.getEventId())) {
                    duplicated++;
                }
            }
            duplicated += Math.max(0, pointers.getOrDefault(stream, 0) - read.size());
            checkRedis(stream, read.size(), pointers.getOrDefault(stream, 0), problems);
        }
        Set<String> lost = new HashSet<>(ledger.acknowledgedIds());
        lost.removeAll(stored);
        Set<String> neverSent = new HashSet<>(stored);
        neverSent.removeAll(ledger.attemptedIds());
        if (!neverSent.isEmpty()) {
            problems.add(neverSent.size() + " stored events were never sent, e.g. " + neverSent.iterator().next());
        }
        if (!lost.isEmpty()) {
            problems.add(lost.size() + " acknowledged events are not stored, e.g. " + lost.iterator().next());
        }
        return new Result(Set.copyOf(stored), lost.size(), duplicated, List.copyOf(problems));
    }

    private void checkRedis(String stream, int events, int pointers, List<String> problems) {
        StreamLocation location = keys.locate(StreamName.parse(stream, "stream"));
        long length = redis.xlen(text(location.streamKey()));
        String version = redis.hget(text(location.metaKey()), "v");
        if (length != events || !String.valueOf(events).equals(version) || pointers != events) {
            problems.add(stream + ": ReadStream returned " + events + " events, Redis holds " + length + " entries at version " + version
                    + " with " + pointers + " $all pointers");
        }
    }

    /** How many $all pointers the partition logs hold per stream. */
    private Map<String, Integer> pointersByStream() {
        Map<String, Integer> counts = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            String logKey = text(keys.logKey(partition));
            Range.Boundary<String> from = Range.Boundary.unbounded();
            List<StreamMessage<String, String>> page;
            do {
                page = redis.xrange(logKey, Range.from(from, Range.Boundary.unbounded()), Limit.from(LOG_PAGE));
                page.forEach(pointer -> counts.merge(pointer.getBody().get("s"), 1, Integer::sum));
                from = page.isEmpty() ? from : Range.Boundary.excluding(page.get(page.size() - 1).getId());
            }
            while (page.size() == LOG_PAGE);
        }
        return counts;
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
