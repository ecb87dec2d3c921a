package io.eventline.loadtest.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.eventline.loadtest.Main;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.DescribeGroupRequest;
import io.eventline.proto.v1.DescribeGroupResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ghz-style command against a real server: the requests it reports are the requests the server served. */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class CallAgainstServerTest {
    private static RunningServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServer(TestRedis redis) {
        server = RunningServer.start(redis);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    private JsonObject runJson(String... args) throws Exception {
        Path report = directory.resolve("report.json");
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--insecure", "-O", "json", "-o", report.toString(), "127.0.0.1:" + server.port()}, 0, all, args.length, 6);
        assertEquals(0, commandLine.execute(all), err.toString());
        return JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void appendsWhatTheReportCounts() throws Exception {
        JsonObject report = runJson("--call", "eventline.v1.EventStoreService/AppendEvents",
                "-d", "{\"stream\":\"ghz-{{randomStream \"s\" 1}}\",\"events\":[{\"type\":\"Tick\",\"data\":\"{{payload 32}}\"}]}",
                "-n", "120", "-c", "6");
        assertEquals(120, report.get("count").getAsLong());
        assertEquals(120, report.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong());
        // the server may send the stream in more than one page
        long stored = 0;
        Iterator<ReadStreamResponse> pages = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .readStream(ReadStreamRequest.newBuilder().setStream("ghz-s0").build());
        while (pages.hasNext()) {
            stored += pages.next().getEventsCount();
        }
        assertEquals(120, stored);
    }

    @Test
    void pacedRunsSendTheCountAndReportRefusals() throws Exception {
        JsonObject report = runJson("--call", "eventline.v1.EventStoreService/AppendEvents",
                "-d", "{\"stream\":\"ghz-paced-{{.RequestNumber}}\",\"expected_version\":{\"exact\":\"5\"},\"events\":[{\"type\":\"Tick\"}]}",
                "-n", "30", "-r", "300", "-c", "3");
        assertEquals(30, report.get("count").getAsLong());
        // every stream is new, so every exact(5) append is refused: reported, not thrown
        assertEquals(30, report.getAsJsonObject("statusCodeDistribution").get("Aborted").getAsLong());
        assertTrue(report.getAsJsonObject("errorDistribution").keySet().stream().allMatch(error -> error.contains("code = Aborted")),
                report.toString());
    }

    private JsonObject runSubscribe(String data, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--call", "eventline.v1.EventStoreService/Subscribe", "-d", data));
        args.addAll(List.of(options));
        return runJson(args.toArray(String[]::new));
    }

    /** Appends {@code count} events to a new stream in one call. */
    private static void appendEvents(String stream, int count) {
        AppendEventsRequest.Builder request = AppendEventsRequest.newBuilder().setStream(stream);
        IntStream.range(0, count).forEach(i -> request.addEvents(EventData.newBuilder().setType("Tick")));
        EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS).appendEvents(request.build());
    }

    @Test
    void catchUpSubscribeCallsEndAfterTheCountWithEveryEvent() throws Exception {
        appendEvents("ghz-sub-catchup", 250);
        JsonObject report = runSubscribe("{\"stream\":\"ghz-sub-catchup\",\"start\":{\"beginning\":{}}}",
                "--stream-call-count", "250", "-n", "4", "-c", "2");
        assertEquals(4, report.get("count").getAsLong());
        assertEquals(4, report.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong(), report.toString());
        // the stream holds 250 events, and each call ended only once it had received 250
        assertEquals(4 * 250, report.get("items").getAsLong());
    }

    @Test
    void groupSubscribeCallsAckEveryDeliveryTheyReceived() throws Exception {
        appendEvents("ghz-sub-group", 250);
        JsonObject report = runSubscribe("{\"stream\":\"ghz-sub-group\",\"group\":\"ghz-grp\",\"consumer\":\"c-{{.RequestNumber}}\"}",
                "--stream-call-count", "250", "-n", "1", "-c", "1");
        assertEquals(1, report.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong(), report.toString());
        assertEquals(250, report.get("items").getAsLong());

        DescribeGroupResponse group = ConsumerGroupServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .describeGroup(DescribeGroupRequest.newBuilder().setGroup("ghz-grp").build());
        assertEquals(0, group.getLag(), group.toString());
        assertEquals(0, group.getPending(), group.toString());

        // the same consumer again: a consumer first gets its own unsettled deliveries back, so an unacked one would show here
        JsonObject again = runSubscribe("{\"stream\":\"ghz-sub-group\",\"group\":\"ghz-grp\",\"consumer\":\"c-0\"}",
                "--stream-call-duration", "500ms", "-n", "1", "-c", "1");
        assertEquals(1, again.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong(), again.toString());
        assertEquals(0, again.get("items").getAsLong());
    }

    @Test
    void callsMethodsOfEveryServiceFromTheirDescriptors() throws Exception {
        appendEvents("ghz-info", 3);
        JsonObject info = runJson("--call", "eventline.v1.StreamService.GetStreamInfo", "-d", "{\"stream\":\"ghz-info\"}", "-n", "5", "-c", "1",
                "--cpus", "1");
        assertEquals(5, info.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong(), info.toString());
        JsonObject groups = runJson("--call", "eventline.v1.ConsumerGroupService/ListGroups", "-n", "4", "-c", "2", "--lb-strategy", "round_robin");
        assertEquals(4, groups.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong(), groups.toString());
        // a server-streaming read, its events counted as items
        JsonObject read = runJson("--call", "eventline.v1.EventStoreService/ReadStream", "-d", "[{\"stream\":\"ghz-info\"},{\"stream\":\"ghz-none\"}]",
                "-n", "4", "-c", "1");
        assertEquals(4, read.get("count").getAsLong());
        assertEquals(4, read.getAsJsonArray("details").size());
        // a server stream the client ends after its first message: counted OK, as Eventline's tool counts it
        JsonObject firstPage = runJson("--call", "eventline.v1.EventStoreService/ReadStream", "-d", "{\"stream\":\"ghz-info\"}",
                "--stream-call-count", "1", "-n", "3", "-c", "1");
        assertEquals(3, firstPage.getAsJsonObject("statusCodeDistribution").get("OK").getAsLong(), firstPage.toString());
    }
}
