package io.eventline.server.security;

import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.eventline.server.testing.Fixtures.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** A changed token file takes effect without a restart. */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class TokenReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void tokensAreAddedAndRevokedWhileTheServerRuns(TestRedis redis, @TempDir Path directory) throws Exception {
        try (TenantFixture tenants = TenantFixture.start(redis, directory)) {
            tenants.groups("orders-token").listGroups(ListGroupsRequest.getDefaultInstance());
            assertStatus(Status.Code.UNAUTHENTICATED, () -> tenants.groups("new-token").listGroups(ListGroupsRequest.getDefaultInstance()));

            Files.writeString(tenants.tokenFile(), "newcomer new-token read\nadmin admin-token admin\n");
            awaitStatus(tenants, "new-token", Status.Code.OK);
            assertEquals(Status.Code.UNAUTHENTICATED, statusOf(tenants, "orders-token"));
        }
    }

    private static void awaitStatus(TenantFixture tenants, String token, Status.Code expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (statusOf(tenants, token) == expected) {
                return;
            }
            Thread.sleep(200);
        }
        fail(token + " did not get " + expected + " within " + WAIT);
    }

    private static Status.Code statusOf(TenantFixture tenants, String token) {
        try {
            tenants.groups(token).listGroups(ListGroupsRequest.getDefaultInstance());
            return Status.Code.OK;
        }
        catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
