package io.eventline.client.admin;

import io.eventline.client.EventlineException;
import io.eventline.client.subscribe.SubscriptionStart;
import io.eventline.client.subscribe.SubscriptionTarget;

import java.util.List;

/** Consumer group management ({@code client.groups()}). Blocking calls; failures are {@link EventlineException}s. */
public interface GroupAdmin {
    /** Creates a group; an {@link EventlineException} with {@code ALREADY_EXISTS} if the name is taken. */
    void create(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start);

    /** Creates a group unless one of that name exists; true if this call created it. */
    boolean createIfAbsent(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start);

    void update(String group, GroupSettings settings);

    /** Moves the group's position to {@code start}; pending deliveries stay pending. */
    void reset(String group, SubscriptionStart start);

    /** Hands the consumer's pending deliveries back to the group at once; returns how many. */
    long removeConsumer(String group, String consumer);

    /** Removes the group, its pending deliveries and parked messages. */
    void delete(String group);

    List<GroupInfo> list();

    GroupDescription describe(String group);

    /** Delivers parked messages again, oldest first ({@code maxCount} 0: all); returns how many. */
    long replayParked(String group, long maxCount);
}
