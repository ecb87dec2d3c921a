package io.eventline.client;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryPolicyTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2);

    @Test
    void onlyUnavailableIsRetriedAndOnlyUpToTheAttempts() {
        RetryPolicy policy = new RetryPolicy(3, backoff);

        assertTrue(policy.allowsRetry(Status.Code.UNAVAILABLE, 2));
        assertFalse(policy.allowsRetry(Status.Code.UNAVAILABLE, 3));
        assertFalse(policy.allowsRetry(Status.Code.ABORTED, 1), "a conflict stays a conflict");
        assertFalse(policy.allowsRetry(Status.Code.DEADLINE_EXCEEDED, 1));
        assertEquals(1, RetryPolicy.none().maxAttempts());
    }
}
