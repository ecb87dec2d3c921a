package io.eventline.server.operations;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestCertificates;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.assertStatus;
import static io.eventline.server.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TLS and mutual TLS with certificates made by openssl for the test; plaintext is refused when TLS is on. */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class TlsTest {
    @TempDir
    static Path folder;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.createIn(folder);
    }

    @Test
    void tlsServesTlsClientsAndRefusesPlaintext(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis, certificates.serverFlags(false).toArray(String[]::new))) {
            ManagedChannel tls = channel(server, GrpcSslContexts.forClient().trustManager(certificates.authority().toFile()));
            try {
                assertEquals(1, appendOne(tls));
                assertStatus(Status.Code.UNAVAILABLE, () -> appendOne(server.channel()));
            }
            finally {
                tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void mutualTlsNeedsAClientCertificateSignedByTheClientCa(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis, certificates.serverFlags(true).toArray(String[]::new))) {
            ManagedChannel withCertificate = channel(server, GrpcSslContexts.forClient().trustManager(certificates.authority().toFile())
                    .keyManager(certificates.clientCertificate().toFile(), certificates.clientKey().toFile()));
            ManagedChannel withoutCertificate = channel(server, GrpcSslContexts.forClient().trustManager(certificates.authority().toFile()));
            try {
                assertEquals(1, appendOne(withCertificate));
                assertStatus(Status.Code.UNAVAILABLE, () -> appendOne(withoutCertificate));
            }
            finally {
                withCertificate.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                withoutCertificate.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long appendOne(ManagedChannel channel) {
        return EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS)
                .appendEvents(append("secure-" + System.nanoTime(), any(), event("Secured"))).getLastVersion();
    }

    private static ManagedChannel channel(RunningServer server, SslContextBuilder context) throws IOException {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.port()).sslContext(context.build()).build();
    }
}
