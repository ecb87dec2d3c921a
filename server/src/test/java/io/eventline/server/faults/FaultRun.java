package io.eventline.server.faults;

import com.google.protobuf.Empty;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.GroupSettings;
import io.eventline.proto.v1.SubscriptionStart;
import io.eventline.server.store.StoreKeys;
import io.grpc.Channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The shape of every fault test. Consumer groups on the fault streams get a consumer at each site and
 * a catch-up subscription follows $all; the appenders start; the fault strikes a bounded number of
 * times, each time after the load made progress again; the load stops; the consumers get a bounded
 * time to settle everything; then the store is audited and the summary line printed.
 */
final class FaultRun {
    static final List<String> GROUPS = List.of("billing", "shipping");
    /** Short, so deliveries a fault left unsettled come back soon. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    /** Flags for a server under faults: a Redis command fails (UNAVAILABLE) after 2 s rather than 10. */
    static final List<String> SERVER_FLAGS = List.of("--redis.command-timeout=2s", "--subscriptions.poll-interval=500ms");
    private static final int MAX_DELIVERIES = 1000;
    private static final long WARM_UP_EVENTS = 200;
    private static final long EVENTS_BETWEEN_FAULTS = 50;
    private static final Duration PROGRESS_BOUND = Duration.ofSeconds(90);
    /** Every fault here heals, so an append in flight when the load stops is retried until acknowledged (within reason). */
    private static final Duration GIVE_UP_AFTER_STOP = Duration.ofSeconds(60);

    private final String name;
    private final FaultScale scale;
    private final FaultStore store;
    private final Channel appendChannel;
    private final Channel survivingChannel;
    private final List<ConsumerSite> sites;

    /**
     * @param appendChannel where the appenders send their appends
     * @param survivingChannel a server the fault leaves standing: groups are created, $all followed and the store audited through it
     */
    FaultRun(String name, FaultScale scale, FaultStore store, Channel appendChannel, Channel survivingChannel,
            List<ConsumerSite> sites) {
        this.name = requireNonNull(name, "name is null");
        this.scale = requireNonNull(scale, "scale is null");
        this.store = requireNonNull(store, "store is null");
        this.appendChannel = requireNonNull(appendChannel, "appendChannel is null");
        this.survivingChannel = requireNonNull(survivingChannel, "survivingChannel is null");
        this.sites = List.copyOf(sites);
    }

    FaultSummary run(Fault fault) throws Exception {
        createGroups();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        List<GroupLedger> groups = new ArrayList<>();
        List<ResubscribingClient> clients = new ArrayList<>();
        CatchUpReader catchUp = new CatchUpReader(survivingChannel, scheduler);
        clients.add(catchUp);
        for (String group : GROUPS) {
            GroupLedger ledger = new GroupLedger(group);
            groups.add(ledger);
            sites.forEach(site -> clients.add(new GroupWorker(site.channel(), ledger, site.consumer(), site.ackEvery(), scheduler)));
        }
        try (AppendLoad load = AppendLoad.start(appendChannel, scale.appenders(), GIVE_UP_AFTER_STOP)) {
            clients.forEach(ResubscribingClient::start);
            load.awaitProgress(WARM_UP_EVENTS, PROGRESS_BOUND);
            for (int round = 1; round <= scale.faultRounds(); round++) {
                fault.strike(round);
                load.awaitProgress(EVENTS_BETWEEN_FAULTS, PROGRESS_BOUND);
                Thread.sleep(scale.betweenFaults().toMillis());
            }
            AppendLedger appended = load.stop();
            StoreAudit.Result audit = new StoreAudit(survivingChannel, store).audit(appended);
            awaitSettled(groups, catchUp, audit.storedIds());
            long stranded = stranded();
            return summarize(fault, appended, audit, groups, catchUp, clients, stranded);
        }
        finally {
            clients.forEach(ResubscribingClient::close);
            scheduler.shutdownNow();
        }
    }

    private void createGroups() {
        GROUPS.forEach(group -> createGroup(survivingChannel, group));
    }

    /** A group on the fault streams in $all from the beginning, with the fault runs' short ack timeout. */
    static void createGroup(Channel channel, String group) {
        ConsumerGroupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).createGroup(CreateGroupRequest.newBuilder()
                .setGroup(group)
                .setAll(AllTarget.newBuilder().addCategories(GroupWorker.CATEGORY))
                .setSettings(GroupSettings.newBuilder()
                        .setAckTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(ACK_TIMEOUT.toSeconds()))
                        .setMaxDeliveries(MAX_DELIVERIES))
                .setStart(SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()))
                .build());
    }

    /** Waits, up to the scale's bound, until every group acked every stored event, the catch-up saw them all and nothing is pending. */
    private void awaitSettled(List<GroupLedger> groups, CatchUpReader catchUp, Set<String> stored) throws InterruptedException {
        long deadline = System.nanoTime() + scale.drainBound().toNanos();
        while (System.nanoTime() < deadline) {
            boolean settled = catchUp.missed(stored).isEmpty() && stranded() == 0
                    && groups.stream().allMatch(group -> group.unprocessed(stored).isEmpty());
            if (settled) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Entries pending in a group (delivered, never acked) or parked. */
    private long stranded() {
        StoreKeys keys = store.keys();
        long stranded = 0;
        for (int partition = 0; partition < store.partitions(); partition++) {
            for (String group : GROUPS) {
                stranded += store.redis().xpending(text(keys.logKey(partition)), group).getCount();
                stranded += store.redis().xlen(text(keys.parkedKey(partition, group)));
            }
        }
        return stranded;
    }

    private FaultSummary summarize(Fault fault, AppendLedger appended, StoreAudit.Result audit, List<GroupLedger> groups, CatchUpReader catchUp,
            List<ResubscribingClient> clients, long stranded) {
        List<String> problems = new ArrayList<>(audit.problems());
        appended.unexpectedErrors().forEach(error -> problems.add("an append failed for good: " + error));
        long unprocessed = 0;
        for (GroupLedger group : groups) {
            Set<String> missing = group.unprocessed(audit.storedIds());
            unprocessed += missing.size();
            if (!missing.isEmpty()) {
                problems.add("group " + group.group() + " never got " + missing.size() + " stored events acknowledged, e.g. " + missing.iterator().next());
            }
        }
        Set<String> missed = catchUp.missed(audit.storedIds());
        if (!missed.isEmpty()) {
            problems.add("the catch-up subscription skipped " + missed.size() + " events, e.g. " + missed.iterator().next());
        }
        if (catchUp.duplicates() > 0) {
            problems.add("the catch-up subscription delivered " + catchUp.duplicates() + " events twice");
        }
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("faults", (long) scale.faultRounds());
        details.put("retries", appended.retries());
        details.put("resubscribes", clients.stream().mapToLong(client -> client.subscriptions() - 1).sum());
        details.put("unprocessed", unprocessed);
        details.put("catchup-skipped", (long) missed.size());
        details.putAll(new TreeMap<>(fault.details()));
        FaultSummary summary = new FaultSummary(name, appended.attemptedIds().size(), appended.acknowledgedIds().size(), audit.lost(),
                audit.duplicated(), groups.stream().mapToLong(GroupLedger::redeliveries).sum(), stranded, details, problems);
        System.out.println(summary.line());
        return summary;
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
