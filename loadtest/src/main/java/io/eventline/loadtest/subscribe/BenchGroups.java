package io.eventline.loadtest.subscribe;

import com.google.protobuf.Empty;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.CreateGroupRequest;
import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscriptionStart;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** The consumer groups a scenario creates on one stream, and deletes when it is done. */
public final class BenchGroups {
    private final Channel channel;
    private final Duration timeout;
    private final List<String> created = new ArrayList<>();

    public BenchGroups(Channel channel, Duration timeout) {
        this.channel = requireNonNull(channel, "channel is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Creates a group on {@code stream}, starting at its beginning (so it owns the backlog) or at its end. */
    public synchronized void create(String group, String stream, boolean fromBeginning) {
        SubscriptionStart start = fromBeginning
                ? SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()).build()
                : SubscriptionStart.newBuilder().setEnd(Empty.getDefaultInstance()).build();
        stub().createGroup(CreateGroupRequest.newBuilder().setGroup(group).setStream(stream).setStart(start).build());
        created.add(group);
    }

    /** Takes on a group that a Subscribe call creates on first use, so that {@link #deleteAll} deletes it too. */
    public synchronized void adopt(String group) {
        created.add(group);
    }

    /** {@code consumers} consumers of each created group, named {@code c0, c1, ...}, asking for batches of up to {@code batchSize}. */
    public synchronized List<SubscribeRequest> consumers(String stream, int consumers, int maxInFlight, int batchSize) {
        List<SubscribeRequest> requests = new ArrayList<>(created.size() * consumers);
        for (String group : created) {
            for (int consumer = 0; consumer < consumers; consumer++) {
                requests.add(SubscribeRequest.newBuilder().setStream(stream).setGroup(group).setConsumer("c" + consumer)
                        .setMaxInFlight(maxInFlight).setMaxBatchSize(batchSize).build());
            }
        }
        return requests;
    }

    /** Deletes every group created here; one that is already gone is not an error. */
    public synchronized void deleteAll() {
        for (String group : created) {
            try {
                stub().deleteGroup(DeleteGroupRequest.newBuilder().setGroup(group).build());
            }
            catch (StatusRuntimeException e) {
                // left for an operator to delete: the run's results stand
            }
        }
        created.clear();
    }

    private ConsumerGroupServiceGrpc.ConsumerGroupServiceBlockingStub stub() {
        return ConsumerGroupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
