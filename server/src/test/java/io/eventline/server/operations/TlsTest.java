package io.eventline.server.operations;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
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
import java.util.List;
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
    static Path certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=eventline-test-ca",
                "-keyout", "ca.key", "-out", "ca.pem");
        for (String name : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".rsa.key", "-out", name + ".csr");
            Path extensions = certificates.resolve(name + ".ext");
            java.nio.file.Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                    "-extfile", name + ".ext", "-out", name + ".pem");
            // Netty reads PKCS#8 keys
            openssl("pkcs8", "-topk8", "-nocrypt", "-in", name + ".rsa.key", "-out", name + ".key");
        }
    }

    @Test
    void tlsServesTlsClientsAndRefusesPlaintext(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis, "--security.tls.cert-chain=" + file("server.pem"),
                "--security.tls.private-key=" + file("server.key"))) {
            ManagedChannel tls = channel(server, GrpcSslContexts.forClient().trustManager(file("ca.pem").toFile()));
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
        try (RunningServer server = RunningServer.start(redis, "--security.tls.cert-chain=" + file("server.pem"),
                "--security.tls.private-key=" + file("server.key"), "--security.tls.client-ca=" + file("ca.pem"))) {
            ManagedChannel withCertificate = channel(server, GrpcSslContexts.forClient().trustManager(file("ca.pem").toFile())
                    .keyManager(file("client.pem").toFile(), file("client.key").toFile()));
            ManagedChannel withoutCertificate = channel(server, GrpcSslContexts.forClient().trustManager(file("ca.pem").toFile()));
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

    private static Path file(String name) {
        return certificates.resolve(name);
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
