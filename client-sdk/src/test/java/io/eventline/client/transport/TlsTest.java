package io.eventline.client.transport;

import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.testing.TestServer;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that serves TLS only, with a certificate of its own (made here with the JDK's keytool). */
@ExtendWith(RedisExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path directory;
    private static TestServer server;
    private static Path certificate;

    @BeforeAll
    static void startServer(TestRedis redis) throws IOException, InterruptedException, GeneralSecurityException {
        Path keyStore = directory.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        certificate = Files.writeString(directory.resolve("server.crt"), pem("CERTIFICATE", store.getCertificate("server").getEncoded()));
        Path privateKey = Files.writeString(directory.resolve("server.key"), pem("PRIVATE KEY", store.getKey("server", PASSWORD.toCharArray()).getEncoded()));
        server = TestServer.start(redis, "--security.tls.cert-chain=" + certificate, "--security.tls.private-key=" + privateKey);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aClientTrustingTheServersCertificateTalksOverTls() {
        String stream = uniqueStream("vault");
        try (EventlineClient client = server.newClient(builder -> builder.tls(certificate).keepAlive(Duration.ofSeconds(10), Duration.ofSeconds(5)))) {
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

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
