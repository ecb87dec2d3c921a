package io.eventline.client.internal;

import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.subscribe.CatchUpSubscription;
import io.eventline.client.subscribe.CatchUpSubscriptionSettings;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.HandledEvents;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that requires bearer tokens: the builder's token goes with every call, unary and streaming. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BearerTokenTest {
    private static final String TOKEN = "s3cr3t-for-tests";

    @TempDir
    static Path directory;
    private static TestServer server;

    @BeforeAll
    static void startServer(TestRedis redis) throws IOException {
        Path tokens = Files.writeString(directory.resolve("tokens"), "tester " + TOKEN + " read,write,admin\n");
        server = TestServer.start(redis, "--security.token-file=" + tokens);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void callsWithTheTokenAreServed() throws InterruptedException {
        String stream = uniqueStream("secret");
        try (EventlineClient client = server.newClient(builder -> builder.bearerToken(TOKEN))) {
            client.appendBlocking(stream, ExpectedVersion.noStream(), events("Whispered", 1, 2));
            try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.forwards())) {
                assertEquals(2, read.count());
            }
            HandledEvents handled = new HandledEvents();
            try (CatchUpSubscription subscription = client.subscribe(CatchUpSubscriptionSettings.builder(SubscriptionTarget.stream(stream)).build(),
                    handled::add)) {
                assertTrue(subscription.awaitCaughtUp(Await.WAIT));
                assertEquals(2, handled.size());
            }
        }
    }

    @Test
    void callsWithoutTheTokenAreRefused() {
        try (EventlineClient client = server.newClient()) {
            EventlineException refused = assertThrows(EventlineException.class,
                    () -> client.appendBlocking(uniqueStream("secret"), ExpectedVersion.any(), events("Whispered", 1, 1)));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.code());
        }
    }
}
