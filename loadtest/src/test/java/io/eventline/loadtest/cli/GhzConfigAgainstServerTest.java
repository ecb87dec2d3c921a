package io.eventline.loadtest.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.eventline.loadtest.Main;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ghz config file, as a ghz user writes it, run unchanged against a server that wants a token. */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class GhzConfigAgainstServerTest {
    private static final String TOKEN = "ghz-loadtest-token-0123456789";

    @TempDir
    static Path tokens;

    private static RunningServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServer(TestRedis redis) throws IOException {
        Path tokenFile = tokens.resolve("tokens");
        Files.writeString(tokenFile, "loadtest " + TOKEN + " read,write\n");
        server = RunningServer.start(redis, "--security.token-file=" + tokenFile);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    private JsonObject run(String config) throws IOException {
        Path file = directory.resolve("ghz.json");
        Files.writeString(file, config.replace("PORT", Integer.toString(server.port())));
        Path report = directory.resolve("report.json");
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(0, commandLine.execute("--config", file.toString(), "-o", report.toString()), err.toString());
        return JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void aConfigFileWithAnAuthorizationHeaderIsServed() throws IOException {
        JsonObject report = run("""
                {
                    "call": "eventline.v1.EventStoreService.AppendEvents",
                    "total": 12,
                    "concurrency": 3,
                    "insecure": true,
                    "format": "json",
                    "data": {"stream": "ghz-auth-{{.RequestNumber}}", "events": [{"type": "Tick", "event_id": "{{.UUID}}"}]},
                    "metadata": {"authorization": "Bearer %s", "request-id": "{{.RequestNumber}}"},
                    "host": "127.0.0.1:PORT"
                }
                """.formatted(TOKEN));
        assertEquals(12, report.get("count").getAsLong(), report.toString());
        JsonObject statuses = report.getAsJsonObject("statusCodeDistribution");
        assertEquals(1, statuses.size(), statuses.toString());
        assertEquals(12, statuses.get("OK").getAsLong());
        assertTrue(report.getAsJsonObject("errorDistribution").isEmpty());
        JsonObject options = report.getAsJsonObject("options");
        assertEquals("Bearer " + TOKEN, options.getAsJsonObject("metadata").get("authorization").getAsString());
        // ghz's unsigned fields hold integers: a Go reader cannot read 0.0 into them
        assertEquals("0", options.get("rps").toString());
        assertEquals("12", options.get("total").toString());
        assertEquals("3", options.get("concurrency").toString());
        assertEquals("20000000000", options.get("timeout").toString());
    }

    @Test
    void withoutTheTokenEveryRequestIsUnauthenticatedAsGhzNamesIt() throws IOException {
        Path debugLog = directory.resolve("debug.json");
        JsonObject report = run("""
                {"call": "eventline.v1.EventStoreService/AppendEvents", "total": 5, "concurrency": 1, "insecure": true,
                 "data": {"stream": "ghz-anonymous", "events": [{"type": "Tick"}]}, "host": "127.0.0.1:PORT", "format": "json",
                 "debug": "DEBUG"}
                """.replace("DEBUG", debugLog.toString()));
        assertEquals(5, report.get("count").getAsLong());
        assertEquals(5, report.getAsJsonObject("statusCodeDistribution").get("Unauthenticated").getAsLong(), report.toString());
        assertFalse(report.getAsJsonObject("statusCodeDistribution").has("OK"));
        assertTrue(report.getAsJsonObject("errorDistribution").keySet().stream()
                .allMatch(error -> error.startsWith("rpc error: code = Unauthenticated desc = ")), report.toString());
        // ghz leaves failed requests out of the latency figures unless --count-errors
        assertEquals(0, report.getAsJsonArray("histogram").size());
        List<JsonObject> logged = Files.readAllLines(debugLog).stream().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        assertEquals(10, logged.size(), "a line per request and per answer");
        assertEquals(5, logged.stream().filter(line -> line.get("msg").getAsString().equals("Received response")
                && line.get("status").getAsString().equals("Unauthenticated")).count());
    }
}
