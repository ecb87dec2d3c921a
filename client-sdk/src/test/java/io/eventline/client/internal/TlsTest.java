package io.eventline.client.internal;

import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.RetryPolicy;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.testing.TestServer;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestCertificates;
import io.eventline.server.testing.TestRedis;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that serves TLS only (and one that also requires client certificates), with certificates from a throw-away CA. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    @TempDir
    static Path folder;
    private static TestCertificates certificates;
    private static TestServer server;
    private static TestServer mutualTlsServer;

    @BeforeAll
    static void startServers(TestRedis redis) throws IOException, InterruptedException {
        certificates = TestCertificates.createIn(folder);
        server = TestServer.start(redis, certificates.serverFlags(false).toArray(String[]::new));
        mutualTlsServer = TestServer.start(redis, certificates.serverFlags(true).toArray(String[]::new));
    }

    @AfterAll
    static void stopServers() {
        server.close();
        mutualTlsServer.close();
    }

    @Test
    void aClientTrustingTheServersCertificateTalksOverTls() {
        String stream = uniqueStream("vault");
        try (EventlineClient client = server.newClient(builder -> builder.tls(certificates.authority()).keepAlive(Duration.ofSeconds(10), Duration.ofSeconds(5)))) {
            client.appendBlocking(stream, ExpectedVersion.noStream(), events("Locked", 1, 2));
            try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.forwards())) {
                assertEquals(2, read.count());
            }
        }
    }

    @Test
    void aPlaintextClientGetsNoAnswer() {
        try (EventlineClient client = server.newClient(builder -> builder.retryPolicy(RetryPolicy.none()))) {
            EventlineException failure = assertThrows(EventlineException.class,
                    () -> client.appendBlocking(uniqueStream("vault"), ExpectedVersion.any(), events("Locked", 1, 1)));
            assertEquals(Status.Code.UNAVAILABLE, failure.code());
        }
    }

    @Test
    void aClientCertificateOpensAServerThatRequiresMutualTls() {
        String stream = uniqueStream("vault");
        try (EventlineClient client = mutualTlsServer.newClient(builder -> builder.clientCertificate(certificates.clientCertificate(), certificates.clientKey())
                .tls(certificates.authority()))) {
            assertEquals(1, client.appendBlocking(stream, ExpectedVersion.noStream(), events("Locked", 1, 1)).lastVersion());
        }
        try (EventlineClient anonymous = mutualTlsServer.newClient(builder -> builder.tls(certificates.authority()).retryPolicy(RetryPolicy.none()))) {
            EventlineException failure = assertThrows(EventlineException.class,
                    () -> anonymous.appendBlocking(uniqueStream("vault"), ExpectedVersion.any(), events("Locked", 1, 1)));
            assertEquals(Status.Code.UNAVAILABLE, failure.code());
        }
    }

    @Test
    void aClientCertificateWithoutTlsIsRefusedWhenBuilt() {
        assertThrows(IllegalStateException.class, () -> mutualTlsServer.newClient(builder -> builder.clientCertificate(certificates.clientCertificate(), certificates.clientKey())));
    }
}
