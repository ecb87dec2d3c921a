package io.eventline.server.security;

import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.GroupInfo;
import io.eventline.proto.v1.ListGroupsRequest;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.testing.BearerToken;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server with authentication on and two teams: {@code orders} (prefix {@code order-}) and
 * {@code payments} (prefix {@code payment-}), each with a read token and a scoped admin token,
 * beside an unscoped admin and an unscoped writer.
 */
final class TenantFixture implements AutoCloseable {
    static final String TOKENS = """
            # name token roles [prefixes]
            orders orders-token read order-
            orders-admin orders-admin-token admin order-
            payments payments-token read payment-
            payments-admin payments-admin-token admin payment-
            writer writer-token write
            reader reader-token read
            admin admin-token admin
            """;

    private final RunningServer server;
    private final Path tokenFile;

    private TenantFixture(RunningServer server, Path tokenFile) {
        this.server = server;
        this.tokenFile = tokenFile;
    }

    static TenantFixture start(TestRedis redis, Path directory) throws IOException {
        Path tokenFile = directory.resolve("tokens");
        Files.writeString(tokenFile, TOKENS);
        return new TenantFixture(RunningServer.start(redis, "--security.token-file=" + tokenFile), tokenFile);
    }

    io.grpc.ManagedChannel channel() {
        return server.channel();
    }

    Path tokenFile() {
        return tokenFile;
    }

    EventStoreServiceGrpc.EventStoreServiceBlockingStub events(String token) {
        return EventStoreServiceGrpc.newBlockingStub(server.channel()).withCallCredentials(BearerToken.of(token))
                .withDeadlineAfter(15, TimeUnit.SECONDS);
    }

    EventStoreServiceGrpc.EventStoreServiceStub asyncEvents(String token) {
        return EventStoreServiceGrpc.newStub(server.channel()).withCallCredentials(BearerToken.of(token));
    }

    ConsumerGroupServiceGrpc.ConsumerGroupServiceBlockingStub groups(String token) {
        return ConsumerGroupServiceGrpc.newBlockingStub(server.channel()).withCallCredentials(BearerToken.of(token))
                .withDeadlineAfter(15, TimeUnit.SECONDS);
    }

    StreamServiceGrpc.StreamServiceBlockingStub streams(String token) {
        return StreamServiceGrpc.newBlockingStub(server.channel()).withCallCredentials(BearerToken.of(token))
                .withDeadlineAfter(15, TimeUnit.SECONDS);
    }

    /** What the unscoped admin sees of a group: the ground truth a refused call must leave as it was. */
    DescribeGroupResponse describe(String group) {
        return groups("admin-token").describeGroup(DescribeGroupRequest.newBuilder().setGroup(group).build());
    }

    List<String> groupNames(String token) {
        return groups(token).listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList().stream().map(GroupInfo::getGroup).toList();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
