package io.eventline.server.subscribe;

import io.eventline.proto.v1.DeleteGroupRequest;
import io.eventline.server.testing.HarnessTest;
import io.eventline.server.testing.SubscriptionProbe;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.eventline.server.subscribe.SubscriptionFixtures.appendMany;
import static io.eventline.server.subscribe.SubscriptionFixtures.groupOn;
import static io.eventline.server.testing.SubscriptionProbe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deleting a group ends its open subscriptions with NOT_FOUND instead of leaving them reading nothing. */
@Timeout(60)
class GroupDeletionTest extends HarnessTest {
    @Test
    void deletingAGroupEndsItsSubscriptions() {
        appendMany(eventline, "doomed-1", "Queued", 3);
        try (SubscriptionProbe consumer = SubscriptionProbe.open(eventline, groupOn("doomed-1", "doomed", "worker-1"))) {
            consumer.confirmation();
            consumer.awaitDeliveries(3, WAIT);

            eventline.groups().deleteGroup(DeleteGroupRequest.newBuilder().setGroup("doomed").build());

            assertEquals(Status.Code.NOT_FOUND, consumer.awaitError(WAIT).getStatus().getCode());
        }
    }
}
