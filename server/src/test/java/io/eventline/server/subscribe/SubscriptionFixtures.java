package io.eventline.server.subscribe;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.ConsumerInfo;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.GroupSettings;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscriptionStart;
import io.eventline.server.testing.EventlineHarness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Request builders and helpers for the subscription tests. */
final class SubscriptionFixtures {
    /** Most events one AppendEvents takes in the harness. */
    private static final int APPEND_BATCH = 50;

    private SubscriptionFixtures() {
    }

    // --- targets, starts, settings --------------------------------------------------------------

    /** A subscription to one stream (catch-up until a group is set). */
    static SubscribeRequest.Builder onStream(String stream) {
        return SubscribeRequest.newBuilder().setStream(stream);
    }

    /** A subscription to $all, narrowed to these categories and event types (empty: no filter). */
    static SubscribeRequest.Builder onAll(List<String> categories, List<String> eventTypes) {
        return SubscribeRequest.newBuilder().setAll(all(categories, eventTypes));
    }

    /** A group subscription to one stream. */
    static SubscribeRequest.Builder groupOn(String stream, String group, String consumer) {
        return onStream(stream).setGroup(group).setConsumer(consumer);
    }

    static AllTarget all(List<String> categories, List<String> eventTypes) {
        return AllTarget.newBuilder().addAllCategories(categories).addAllEventTypes(eventTypes).build();
    }

    static SubscriptionStart beginning() {
        return SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()).build();
    }

    static SubscriptionStart end() {
        return SubscriptionStart.newBuilder().setEnd(Empty.getDefaultInstance()).build();
    }

    static SubscriptionStart fromVersion(long version) {
        return SubscriptionStart.newBuilder().setVersion(version).build();
    }

    static SubscriptionStart fromPosition(String position) {
        return SubscriptionStart.newBuilder().setPosition(position).build();
    }

    static SubscriptionStart fromTime(Timestamp time) {
        return SubscriptionStart.newBuilder().setTime(time).build();
    }

    static GroupSettings settings(Duration ackTimeout, int maxDeliveries) {
        return GroupSettings.newBuilder().setAckTimeout(protoDuration(ackTimeout)).setMaxDeliveries(maxDeliveries).build();
    }

    static com.google.protobuf.Duration protoDuration(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }

    static Duration javaDuration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    /** CreateGroup on one stream, from the beginning, with default settings unless the caller sets some. */
    static CreateGroupRequest.Builder createGroup(String group, String stream) {
        return CreateGroupRequest.newBuilder().setGroup(group).setStream(stream).setStart(beginning());
    }

    /** CreateGroup on $all, from the beginning. */
    static CreateGroupRequest.Builder createGroupOnAll(String group, AllTarget target) {
        return CreateGroupRequest.newBuilder().setGroup(group).setAll(target).setStart(beginning());
    }

    // --- appending --------------------------------------------------------------------------------

    /** Appends {@code count} events of {@code type} to {@code stream}; returns their ids in order. */
    static List<String> appendMany(EventlineHarness eventline, String stream, String type, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int start = 0; start < count; start += APPEND_BATCH) {
            List<EventData> batch = IntStream.range(start, Math.min(count, start + APPEND_BATCH))
                    .mapToObj(i -> event(type, "{\"n\":" + i + "}"))
                    .toList();
            eventline.events().appendEvents(append(stream, any(), batch));
            batch.forEach(event -> ids.add(event.getEventId()));
        }
        return ids;
    }

    /** Appends one event (its id is {@code event.getEventId()}). */
    static AppendEventsResponse appendOne(EventlineHarness eventline, String stream, EventData event) {
        return eventline.events().appendEvents(append(stream, any(), event));
    }

    // --- looking at deliveries --------------------------------------------------------------------

    static List<String> eventIds(Collection<Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.getEvent().getEventId()).toList();
    }

    static Set<String> eventIdSet(Collection<Delivery> deliveries) {
        return new HashSet<>(eventIds(deliveries));
    }

    static List<Long> deliveredVersions(Collection<Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.getEvent().getVersion()).toList();
    }

    static List<Integer> deliveryCounts(Collection<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::getDeliveryCount).toList();
    }

    /** Asserts the deliveries carry exactly these event ids, each once, in any order. */
    static void assertSameEventsOnce(Collection<String> expectedIds, Collection<Delivery> deliveries) {
        List<String> ids = eventIds(deliveries);
        assertEquals(ids.size(), new HashSet<>(ids).size(), () -> "some event was delivered twice: " + ids);
        assertEquals(new HashSet<>(expectedIds), new HashSet<>(ids));
    }

    // --- groups -----------------------------------------------------------------------------------

    static DescribeGroupResponse describe(EventlineHarness eventline, String group) {
        return eventline.groups().describeGroup(DescribeGroupRequest.newBuilder().setGroup(group).build());
    }

    /**
     * Polls DescribeGroup (bounded, {@link io.eventline.server.testing.SubscriptionProbe#WAIT}) until
     * {@code condition} holds; for states the server reaches on its own, such as parking after the
     * ack timeout. Fails with the last description.
     */
    static DescribeGroupResponse awaitGroup(EventlineHarness eventline, String group, String what,
            Predicate<DescribeGroupResponse> condition) {
        long deadline = System.nanoTime() + io.eventline.server.testing.SubscriptionProbe.WAIT.toNanos();
        DescribeGroupResponse last = describe(eventline, group);
        while (!condition.test(last)) {
            if (System.nanoTime() - deadline >= 0) {
                return fail("group " + group + " did not reach '" + what + "' within "
                        + io.eventline.server.testing.SubscriptionProbe.WAIT + "; last: " + last);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = describe(eventline, group);
        }
        return last;
    }

    static List<String> consumerNames(DescribeGroupResponse description) {
        return description.getConsumersList().stream().map(ConsumerInfo::getName).toList();
    }

    static ConsumerInfo consumer(DescribeGroupResponse description, String name) {
        return description.getConsumersList().stream()
                .filter(consumer -> consumer.getName().equals(name))
                .findFirst()
                .orElseGet(() -> fail("no consumer " + name + " in " + description));
    }

    static List<GroupInfo> listGroups(EventlineHarness eventline) {
        return eventline.groups().listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList();
    }

    static GroupInfo listed(EventlineHarness eventline, String group) {
        return listGroups(eventline).stream()
                .filter(info -> info.getGroup().equals(group))
                .findFirst()
                .orElseGet(() -> fail("ListGroups does not list " + group));
    }
}
