package io.eventline.client.subscribe;

import io.eventline.client.Backoff;
import io.eventline.client.EventlineClient;
import io.eventline.client.admin.GroupDescription;
import io.eventline.client.admin.GroupSettings;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.CallCounter;
import io.eventline.client.testing.HandledEvents;
import io.eventline.client.testing.ServerExtension;
import io.eventline.client.testing.TestServer;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumer groups through the handler API, against a real server and Redis. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GroupSubscriptionTest {
    /** Short, so that redeliveries after a timeout come quickly. */
    private static final GroupSettings QUICK = new GroupSettings(Duration.ofSeconds(1), 5);
    private static final Backoff QUICK_RETRY = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2);

    private final TestServer server;
    private final EventlineClient client;

    GroupSubscriptionTest(TestServer server, EventlineClient client) {
        this.server = server;
        this.client = client;
    }

    @Test
    void acksWhatTheHandlerHandledRetriesWhatItThrewOnAndParksWhatItRejected() {
        String stream = uniqueStream("payment");
        String group = uniqueGroup();
        client.groups().create(group, SubscriptionTarget.stream(stream), QUICK, SubscriptionStart.beginning());
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("PaymentRequested", 1, 10));
        Map<Long, List<Integer>> deliveryCounts = new ConcurrentHashMap<>();
        HandledEvents handled = new HandledEvents();

        try (GroupSubscription subscription = client.subscribe(settings(group, stream).build(), delivery -> {
            long version = delivery.event().version();
            deliveryCounts.computeIfAbsent(version, ignored -> new CopyOnWriteArrayList<>()).add(delivery.deliveryCount());
            if (version == 3 && delivery.deliveryCount() == 1) {
                throw new IllegalStateException("the payment provider timed out (simulated)");
            }
            if (version == 7) {
                delivery.park("the card number is malformed");
                return;
            }
            handled.add(delivery.event());
        })) {
            Await.until("nine events handled", () -> handled.size() == 9, handled::toString);
            Await.until("nothing pending and one parked", () -> {
                GroupDescription description = client.groups().describe(group);
                return description.pending() == 0 && description.parked() == 1;
            }, () -> client.groups().describe(group).toString());
        }

        assertEquals(List.of(1, 2), deliveryCounts.get(3L), "version 3 failed once and was delivered again");
        assertEquals(List.of(1), deliveryCounts.get(7L), "version 7 was parked at once");
        assertEquals(Map.of(), handled.duplicates());
        assertEquals(LongStream.rangeClosed(1, 10).filter(version -> version != 7).boxed().collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(handled.versions()));
    }

    @Test
    void deliveriesOfAWorkerThatDiedWithoutAckingGoToAnotherAfterTheAckTimeout() throws InterruptedException {
        String stream = uniqueStream("shipment");
        String group = uniqueGroup();
        client.groups().create(group, SubscriptionTarget.stream(stream), QUICK, SubscriptionStart.beginning());
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("ShipmentBooked", 1, 3));
        Set<Long> takenByTheDoomedWorker = takeDeliveriesAndDie(group, stream, 3);
        assertEquals(Set.of(1L, 2L, 3L), takenByTheDoomedWorker);
        Map<Long, Integer> deliveryCounts = new ConcurrentHashMap<>();

        try (GroupSubscription survivor = client.subscribe(settings(group, stream).consumer("survivor").build(),
                delivery -> deliveryCounts.put(delivery.event().version(), delivery.deliveryCount()))) {
            Await.until("the survivor handled all three", () -> deliveryCounts.size() == 3, deliveryCounts::toString);
        }

        deliveryCounts.forEach((version, count) -> assertTrue(count >= 2, "version " + version + " was a redelivery: count " + count));
        Await.until("nothing pending", () -> client.groups().describe(group).pending() == 0);
    }

    @Test
    void theServerSendsNoMoreThanMaxInFlightUnsettledDeliveries() throws InterruptedException {
        String stream = uniqueStream("invoice");
        String group = uniqueGroup();
        client.groups().create(group, SubscriptionTarget.stream(stream), GroupSettings.defaults(), SubscriptionStart.beginning());
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("InvoiceIssued", 1, 20));
        CountDownLatch release = new CountDownLatch(1);
        HandledEvents handled = new HandledEvents();

        try (GroupSubscription subscription = client.subscribe(settings(group, stream).maxInFlight(5).build(), delivery -> {
            release.await(30, TimeUnit.SECONDS);
            handled.add(delivery.event());
        })) {
            Await.until("five deliveries pending", () -> client.groups().describe(group).pending() == 5);
            GroupDescription whileBlocked = client.groups().describe(group);
            assertEquals(5, whileBlocked.pending(), whileBlocked.toString());
            assertEquals(15, whileBlocked.lag(), "the other fifteen were not sent: " + whileBlocked);

            release.countDown();
            Await.until("all twenty handled", () -> handled.size() == 20, handled::toString);
        }
        assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), handled.versions(), "in order, once each");
    }

    @Test
    void acksGoOutInBatches() {
        String stream = uniqueStream("audit");
        String group = uniqueGroup();
        client.groups().create(group, SubscriptionTarget.stream(stream), GroupSettings.defaults(), SubscriptionStart.beginning());
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Audited", 1, 100));
        CallCounter wire = new CallCounter();
        HandledEvents handled = new HandledEvents();

        try (EventlineClient counted = server.newClient(builder -> builder.interceptor(wire));
                GroupSubscription subscription = counted.subscribe(settings(group, stream).maxInFlight(100).build(), delivery -> {
                    if (handled.size() == 0) {
                        // let the whole window arrive first, so the rest is handled back to back
                        Await.until("a hundred deliveries received", () -> wire.deliveriesReceived() == 100);
                    }
                    handled.add(delivery.event());
                })) {
            Await.until("a hundred handled", () -> handled.size() == 100, handled::toString);
            Await.until("nothing pending", () -> client.groups().describe(group).pending() == 0);
            assertEquals(100, wire.ackIdsSent(), "each delivery acked once");
            assertTrue(wire.ackCalls() < 20, "a hundred acks in " + wire.ackCalls() + " calls");
        }
    }

    @Test
    void theHandlerSeesNothingTwiceWhenDeliveriesArriveFasterThanItHandles() {
        String stream = uniqueStream("ledger");
        String group = uniqueGroup();
        HandledEvents handled = new HandledEvents();

        try (GroupSubscription subscription = client.subscribe(settings(group, stream).maxInFlight(10).build(), delivery -> handled.add(delivery.event()))) {
            for (int batch = 0; batch < 10; batch++) {
                client.appendBlocking(stream, ExpectedVersion.exact(batch * 30L), events("Posted", batch * 30 + 1, 30));
            }
            Await.until("three hundred handled", () -> handled.size() == 300, handled::toString);
        }
        assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), handled.versions());
    }

    @Test
    void aBacklogComesInBatchesByDefaultAndTheHandlerSeesEachEventOnce() {
        String stream = uniqueStream("refund");
        String group = uniqueGroup();
        client.groups().create(group, SubscriptionTarget.stream(stream), GroupSettings.defaults(), SubscriptionStart.beginning());
        for (int batch = 0; batch < 5; batch++) {
            client.appendBlocking(stream, ExpectedVersion.any(), events("RefundIssued", batch * 100 + 1, 100));
        }
        CallCounter wire = new CallCounter();
        HandledEvents handled = new HandledEvents();

        GroupSubscriptionSettings settings = settings(group, stream).maxInFlight(200).build();
        assertEquals(100, settings.maxBatchSize(), "by default maxInFlight, at most 100");
        try (EventlineClient counted = server.newClient(builder -> builder.interceptor(wire));
                GroupSubscription subscription = counted.subscribe(settings, delivery -> handled.add(delivery.event()))) {
            Await.until("five hundred handled", () -> handled.size() == 500, handled::toString);
            Await.until("nothing pending", () -> client.groups().describe(group).pending() == 0);
        }
        assertEquals(Map.of(), handled.duplicates());
        assertEquals(LongStream.rangeClosed(1, 500).boxed().toList(), handled.versions(), "in order, once each");
        assertEquals(500, wire.deliveriesReceived());
        assertTrue(wire.batchesReceived() > 0, "the backlog came in batches");
        assertTrue(wire.largestBatch() <= 100, "a batch of " + wire.largestBatch());
    }

    @Test
    void aBatchSizeOfOneAsksForSingleDeliveries() {
        String stream = uniqueStream("voucher");
        String group = uniqueGroup();
        client.groups().create(group, SubscriptionTarget.stream(stream), GroupSettings.defaults(), SubscriptionStart.beginning());
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("VoucherIssued", 1, 50));
        CallCounter wire = new CallCounter();
        HandledEvents handled = new HandledEvents();

        try (EventlineClient counted = server.newClient(builder -> builder.interceptor(wire));
                GroupSubscription subscription = counted.subscribe(settings(group, stream).maxBatchSize(1).build(), delivery -> handled.add(delivery.event()))) {
            Await.until("fifty handled", () -> handled.size() == 50, handled::toString);
        }
        assertEquals(0, wire.batchesReceived());
        assertEquals(50, wire.deliveriesReceived());
    }

    private static GroupSubscriptionSettings.Builder settings(String group, String stream) {
        return GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream)).retryBackoff(QUICK_RETRY);
    }

    private static String uniqueGroup() {
        return "group-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A worker, on the raw protocol, that takes {@code count} deliveries and goes away without settling them. */
    private Set<Long> takeDeliveriesAndDie(String group, String stream, int count) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
        Set<Long> taken = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(count);
        try {
            SubscribeRequest request = SubscribeRequest.newBuilder().setGroup(group).setConsumer("doomed").setStream(stream).build();
            EventStoreServiceGrpc.newStub(channel).subscribe(request, new ClientResponseObserver<SubscribeRequest, SubscribeResponse>() {
                private ClientCallStreamObserver<SubscribeRequest> call;

                @Override
                public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
                    call = requestStream;
                }

                @Override
                public void onNext(SubscribeResponse response) {
                    if (response.hasDelivery()) {
                        Delivery delivery = response.getDelivery();
                        taken.add(delivery.getEvent().getVersion());
                        enough.countDown();
                        if (enough.getCount() == 0) {
                            call.cancel("the worker died", null);
                        }
                    }
                }

                @Override
                public void onError(Throwable error) {
                    // the worker cancelled its own call: that is how it dies
                }

                @Override
                public void onCompleted() {
                    // a subscription does not complete on its own
                }
            });
            assertTrue(enough.await(30, TimeUnit.SECONDS), "the doomed worker got its deliveries: " + taken);
            return taken;
        }
        finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
