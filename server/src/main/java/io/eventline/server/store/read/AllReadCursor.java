package io.eventline.server.store.read;

import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.redis.StoredEntries;
import io.eventline.server.redis.StoredEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads $all: merges the partition logs in position order, then resolves each page of pointers to
 * events with pipelined point reads of the stream keys. Pointers whose event was deleted or trimmed
 * by retention are skipped. A page whose reads fail leaves the cursor where it was, so the next call
 * (a catch-up subscription retrying after a dropped connection) reads the same pointers again.
 */
final class AllReadCursor implements ReadCursor {
    private final StoredEntries entries;
    private final EventEntryCodec codec;
    private final StoreKeys keys;
    private final List<PartitionLogCursor> partitions;
    private final ReadDirection direction;
    private final Comparator<LogPointer> order;
    private final ReadFilter filter;
    private final int pageSize;
    private final ByteBudget budget;

    AllReadCursor(StoredEntries entries, EventEntryCodec codec, StoreKeys keys,
            List<PartitionLogCursor> partitions, ReadDirection direction, ReadFilter filter, int pageSize,
            ByteBudget budget) {
        this.entries = entries;
        this.codec = codec;
        this.keys = keys;
        this.partitions = List.copyOf(partitions);
        this.direction = direction;
        Comparator<LogPointer> forward = Comparator.comparing(LogPointer::position);
        this.order = direction == ReadDirection.FORWARD ? forward : forward.reversed();
        this.filter = filter;
        this.pageSize = pageSize;
        this.budget = budget;
    }

    @Override
    public CompletableFuture<ReadPage> next() {
        List<CompletableFuture<Void>> fetches = new ArrayList<>();
        for (PartitionLogCursor partition : partitions) {
            if (partition.needsFetch()) {
                fetches.add(partition.fetch());
            }
        }
        return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> resolve(mergePointers()))
                .whenComplete((page, error) -> partitions.forEach(error == null ? PartitionLogCursor::commit : PartitionLogCursor::rewind));
    }

    @Override
    public void follow() {
        partitions.forEach(PartitionLogCursor::follow);
    }

    /** Takes pointers in position order until the page is full or a partition must fetch again. */
    private List<LogPointer> mergePointers() {
        List<LogPointer> pointers = new ArrayList<>();
        long wanted = budget.entries((int) Math.min(pageSize, filter.fetchHint()));
        while (pointers.size() < wanted) {
            PartitionLogCursor best = null;
            for (PartitionLogCursor partition : partitions) {
                if (partition.needsFetch()) {
                    return pointers;
                }
                if (!partition.done() && (best == null || order.compare(partition.peek(), best.peek()) < 0)) {
                    best = partition;
                }
            }
            if (best == null) {
                return pointers;
            }
            LogPointer pointer = best.take();
            if (!filter.recordedInTime(pointer.position().millis())) {
                // a partition's log is in time order: forward, nothing after this is in time either
                if (direction == ReadDirection.FORWARD) {
                    best.finish();
                }
                continue;
            }
            if (filter.wantsType(pointer.type())) {
                pointers.add(pointer);
            }
        }
        return pointers;
    }

    private CompletableFuture<ReadPage> resolve(List<LogPointer> pointers) {
        List<CompletableFuture<List<StoredEntry>>> reads = new ArrayList<>(pointers.size());
        List<StreamLocation> locations = new ArrayList<>(pointers.size());
        for (LogPointer pointer : pointers) {
            StreamLocation location = keys.locate(pointer.stream());
            locations.add(location);
            reads.add(entries.entry(location.streamKey(), codec.entryIdOf(pointer.version())));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<RecordedEvent> events = new ArrayList<>(pointers.size());
            for (int i = 0; i < pointers.size() && !filter.satisfied(); i++) {
                List<StoredEntry> found = reads.get(i).join();
                if (!found.isEmpty()) {
                    events.add(codec.decode(pointers.get(i).stream(), locations.get(i).partition(), found.get(0)));
                    filter.took();
                }
            }
            budget.read(events);
            boolean last = filter.satisfied() || partitions.stream().allMatch(PartitionLogCursor::done);
            return new ReadPage(events, last);
        });
    }
}
