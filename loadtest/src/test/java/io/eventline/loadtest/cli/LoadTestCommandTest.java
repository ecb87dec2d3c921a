package io.eventline.loadtest.cli;

import io.eventline.loadtest.Main;
import io.eventline.loadtest.grpc.RpcMethod;
import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.report.OutputFormat;
import io.eventline.loadtest.run.LoadSchedule;
import io.eventline.loadtest.template.CallData;
import io.eventline.loadtest.template.MethodNames;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadTestCommandTest {
    private static final String APPEND = "eventline.v1.EventStoreService/AppendEvents";
    private static final String TEMPLATE = "{\"stream\":\"{{randomStream \"order-\" 10}}\"}";

    @TempDir
    Path directory;

    private static LoadTestSettings parse(String... args) {
        return parseWithInput(new byte[0], args);
    }

    private static LoadTestSettings parseWithInput(byte[] standardInput, String... args) {
        LoadTestCommand command = new LoadTestCommand(() -> new ByteArrayInputStream(standardInput));
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private static CallData callData(long requestNumber, LoadTestSettings settings) {
        MethodNames names = settings.method().names();
        return new CallData(requestNumber, "g0c0", Instant.EPOCH, UUID.randomUUID(), names);
    }

    @Test
    void defaultsFollowGhz() {
        LoadTestSettings settings = parse("--call", APPEND);
        assertEquals("127.0.0.1", settings.target().host());
        assertEquals(50051, settings.target().port());
        assertEquals(APPEND, settings.method().fullMethodName());
        assertEquals(50, settings.limits().concurrency());
        assertEquals(200, settings.limits().total());
        assertEquals(Duration.ZERO, settings.limits().duration());
        assertFalse(settings.limits().schedule().paced());
        assertEquals(1, settings.connections());
        assertEquals(Duration.ofSeconds(20), settings.timeout());
        // as ghz: TLS unless --insecure
        assertFalse(settings.security().insecure());
        assertFalse(settings.recording().countErrors());
        assertEquals(0, settings.recording().skipFirst());
        assertEquals(OutputFormat.SUMMARY, settings.format());
        assertTrue(settings.output().isEmpty());
        assertEquals(AppendEventsRequest.getDefaultInstance(), settings.requests().request(callData(0, settings)));
    }

    @Test
    void readsEveryOption() {
        LoadTestSettings settings = parse(
                "--call", "eventline.v1.EventStoreService.ReadStream",
                "-d", TEMPLATE,
                "-c", "8", "-n", "5000", "-r", "1000", "--connections", "4", "-t", "750ms", "-x", "30s",
                "--cacert", "/tmp/ca.pem", "--cname", "eventline.test", "--skipFirst", "10", "--count-errors",
                "-O", "pretty", "-o", "/tmp/report.json", "store.example.com:50071");
        assertEquals("eventline.v1.EventStoreService/ReadStream", settings.method().fullMethodName());
        assertEquals(8, settings.limits().concurrency());
        assertEquals(5000, settings.limits().total());
        assertEquals(Duration.ofSeconds(30), settings.limits().duration());
        assertEquals(1000.0, settings.limits().schedule().rps());
        assertTrue(settings.limits().schedule().paced());
        assertEquals(4, settings.connections());
        assertEquals(Duration.ofMillis(750), settings.timeout());
        assertEquals(Path.of("/tmp/ca.pem"), settings.security().caCertificates().orElseThrow());
        assertEquals("eventline.test", settings.security().authorityOverride().orElseThrow());
        assertEquals(10, settings.recording().skipFirst());
        assertFalse(settings.limits().async());
        assertTrue(parse("--call", APPEND, "--async").limits().async());
        assertTrue(settings.recording().countErrors());
        assertEquals(OutputFormat.PRETTY, settings.format());
        assertEquals(Path.of("/tmp/report.json"), settings.output().orElseThrow());
        // any host the user names: the tool no longer keeps to loopback
        assertEquals("store.example.com", settings.target().host());
        assertEquals(50071, settings.target().port());
    }

    @Test
    void durationMakesTheCountIgnoredAsInGhz() {
        LoadTestSettings settings = parse("--call", APPEND, "-n", "10", "-z", "1m30s");
        assertEquals(0, settings.limits().total());
        assertEquals(Duration.ofSeconds(90), settings.limits().duration());
    }

    @Test
    void readsStepSchedule() {
        LoadTestSettings settings = parse("--call", APPEND, "-z", "10s",
                "--load-schedule", "step", "--load-start", "100", "--load-step", "50", "--load-end", "400",
                "--load-step-duration", "2s", "--load-max-duration", "8s");
        LoadSchedule schedule = settings.limits().schedule();
        assertEquals(LoadSchedule.Kind.STEP, schedule.kind());
        assertEquals(100, schedule.start());
        assertEquals(50, schedule.step());
        assertEquals(400, schedule.end());
        assertEquals(Duration.ofSeconds(2), schedule.stepDuration());
        assertEquals(Duration.ofSeconds(8), schedule.maxDuration());
    }

    @Test
    void everyUnaryAndServerStreamingMethodCanBeCalled() {
        long callable = RpcMethod.all().stream().filter(method -> !method.isClientStreaming()).count();
        assertEquals(18, callable);
        for (RpcMethod method : RpcMethod.all()) {
            LoadTestSettings settings = parse("--call", method.fullMethodName());
            assertEquals(method.proto().getInputType(), settings.requests().request(callData(0, settings)).getDescriptorForType());
        }
        LoadTestSettings info = parse("--call", "eventline.v1.StreamService.GetStreamInfo", "-d", "{\"stream\":\"orders-{{.RequestNumber}}\"}");
        assertEquals(GetStreamInfoRequest.newBuilder().setStream("orders-7").build(), info.requests().request(callData(7, info)));
    }

    @Test
    void aDataArraySendsItsMessagesInTurn() {
        LoadTestSettings settings = parse("--call", APPEND, "-d", "[{\"stream\":\"a\"},{\"stream\":\"b\"},{\"stream\":\"c\"}]");
        assertEquals("a", ((AppendEventsRequest) settings.requests().request(callData(0, settings))).getStream());
        assertEquals("b", ((AppendEventsRequest) settings.requests().request(callData(1, settings))).getStream());
        assertEquals("c", ((AppendEventsRequest) settings.requests().request(callData(2, settings))).getStream());
        assertEquals("a", ((AppendEventsRequest) settings.requests().request(callData(3, settings))).getStream());
    }

    @Test
    void readsTheDataFromStandardInputWithAnAt() {
        LoadTestSettings settings = parseWithInput("{\"stream\":\"piped\"}".getBytes(StandardCharsets.UTF_8), "--call", APPEND, "-d", "@");
        assertEquals("piped", ((AppendEventsRequest) settings.requests().request(callData(0, settings))).getStream());
    }

    @Test
    void readsBinaryRequestsOneOrLengthDelimited() throws IOException {
        AppendEventsRequest first = AppendEventsRequest.newBuilder().setStream("bin-1").build();
        AppendEventsRequest second = AppendEventsRequest.newBuilder().setStream("bin-2").build();
        LoadTestSettings single = parseWithInput(first.toByteArray(), "--call", APPEND, "-b");
        assertEquals(first, single.requests().request(callData(5, single)));

        ByteArrayOutputStream delimited = new ByteArrayOutputStream();
        first.writeDelimitedTo(delimited);
        second.writeDelimitedTo(delimited);
        Path file = directory.resolve("requests.bin");
        Files.write(file, delimited.toByteArray());
        LoadTestSettings fromFile = parse("--call", APPEND, "-B", file.toString());
        assertEquals(first, fromFile.requests().request(callData(0, fromFile)));
        assertEquals(second, fromFile.requests().request(callData(1, fromFile)));
    }

    @Test
    void readsMetadataAsATemplate() throws IOException {
        LoadTestSettings settings = parse("--call", APPEND, "-m", "{\"authorization\":\"Bearer t0k3n\",\"request-id\":\"{{.RequestNumber}}\"}");
        Metadata headers = settings.metadata().headers(callData(42, settings));
        assertEquals("Bearer t0k3n", headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
        assertEquals("42", headers.get(Metadata.Key.of("request-id", Metadata.ASCII_STRING_MARSHALLER)));

        Path file = directory.resolve("metadata.json");
        Files.writeString(file, "{\"x-tenant\":\"blue\"}");
        LoadTestSettings fromFile = parse("--call", APPEND, "-M", file.toString());
        assertEquals("blue", fromFile.metadata().headers(callData(0, fromFile)).get(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)));
    }

    @Test
    void aConfigFileIsReadUnderTheCommandLine() throws IOException {
        Path toml = directory.resolve("ghz.toml");
        Files.writeString(toml, """
                "max-duration" = "7s"
                total = 5000
                concurrency = 5
                call = "eventline.v1.EventStoreService.AppendEvents"
                host = "127.0.0.1:50099"
                insecure = true
                format = "pretty"

                [data]
                stream = "toml-{{.RequestNumber}}"

                [metadata]
                rn = "{{.RequestNumber}}"
                """);
        LoadTestSettings settings = parse("--config", toml.toString(), "-c", "3");
        assertEquals(3, settings.limits().concurrency(), "the command line wins");
        assertEquals(5000, settings.limits().total());
        assertEquals(Duration.ofSeconds(7), settings.limits().duration());
        assertEquals(50099, settings.target().port());
        assertTrue(settings.security().insecure());
        assertEquals(OutputFormat.PRETTY, settings.format());
        assertEquals("toml-3", ((AppendEventsRequest) settings.requests().request(callData(3, settings))).getStream());
        assertEquals("3", settings.metadata().headers(callData(3, settings)).get(Metadata.Key.of("rn", Metadata.ASCII_STRING_MARSHALLER)));

        Path yaml = directory.resolve("ghz.yaml");
        Files.writeString(yaml, "call: eventline.v1.StreamService/GetStreamInfo\ntotal: 12\nskipTLS: true\n");
        LoadTestSettings fromYaml = parse("--config", yaml.toString());
        assertEquals(12, fromYaml.limits().total());
        assertTrue(fromYaml.security().skipVerify());

        Path json = directory.resolve("ghz.json");
        Files.writeString(json, "{\"call\":\"eventline.v1.StreamService/GetStreamInfo\",\"no-such-option\":1}");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> parse("--config", json.toString()));
        assertTrue(refused.getMessage().contains("unknown setting 'no-such-option'"), refused.getMessage());
    }

    @Test
    void refusesBadSettingsWithTheirReason() {
        assertThrows(IllegalArgumentException.class, () -> parse("-n", "10"), "--call is required");
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/Nope"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "-O", "xml"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "-c", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "--load-schedule", "line"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "--concurrency-schedule", "step"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "--async", "-r", "10",
                "--concurrency-schedule", "step", "--concurrency-start", "1", "--concurrency-end", "4", "--concurrency-step", "1",
                "--concurrency-step-duration", "1s"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "-d", "{}", "-b"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "-m", "{\"a\":{\"b\":1}}"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "-c", "2", "--connections", "3"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--call", "x", "-z", "ten seconds"));
    }

    @Test
    void readsTheStreamCallEndOfServerStreamingCalls() {
        LoadTestSettings settings = parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-count", "500", "--stream-call-duration", "1m30s", "-t", "2m");
        assertEquals(new StreamCallEnd(500, Duration.ofSeconds(90)), settings.streamCallEnd());
        assertEquals(500L, settings.reportOptions().get("stream-call-count"));
        assertEquals(new StreamCallEnd(7, Duration.ZERO),
                parse("--call", "eventline.v1.EventStoreService/ReadStream", "--stream-call-count", "7").streamCallEnd());
        assertEquals(StreamCallEnd.NONE, parse("--call", APPEND).streamCallEnd());
    }

    @Test
    void refusesAStreamCallDurationTheDeadlineWouldCutShort() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> parse("--call", "eventline.v1.EventStoreService/Subscribe", "--stream-call-duration", "20s"));
        assertTrue(refused.getMessage().contains("must be shorter than --timeout"), refused.getMessage());
        assertEquals(Duration.ofSeconds(30), parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-duration", "30s", "-t", "0").streamCallEnd().duration());
    }

    @Test
    void refusesStreamCallOptionsForUnaryCalls() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> parse("--call", APPEND, "--stream-call-count", "5"));
        assertTrue(refused.getMessage().contains("apply to server-streaming methods"), refused.getMessage());
    }

    @Test
    void refusesNegativeStreamCallOptionsAndBadDurations() {
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-count", "-1"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-duration", "five seconds"));
    }

    @Test
    void theCommandLineSaysWhatIsWrongInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute("--call", "eventline.v1.EventStoreService/Nope", "127.0.0.1:1");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("error: unknown --call 'eventline.v1.EventStoreService/Nope'"), err.toString());
    }

    @Test
    void readsConnectionTuningAsGhz() {
        LoadTestSettings defaults = parse("--call", APPEND);
        assertEquals(4 * 1024 * 1024, defaults.channelTuning().maxReceiveBytes());
        assertEquals(Duration.ofSeconds(10), defaults.channelTuning().connectTimeout());
        assertEquals(Duration.ZERO, defaults.channelTuning().keepalive());
        assertEquals(null, defaults.callOptions().getCompressor());

        LoadTestSettings tuned = parse("--call", APPEND, "--max-recv-message-size", "42 MB", "--max-send-message-size", "1MiB",
                "--keepalive", "30s", "--connect-timeout", "2s", "-e");
        assertEquals(42_000_000, tuned.channelTuning().maxReceiveBytes());
        assertEquals(1024 * 1024, tuned.callOptions().getMaxOutboundMessageSize());
        assertEquals(Duration.ofSeconds(30), tuned.channelTuning().keepalive());
        assertEquals(Duration.ofSeconds(2), tuned.channelTuning().connectTimeout());
        assertEquals("gzip", tuned.callOptions().getCompressor());
        assertEquals("pick_first", defaults.channelTuning().loadBalancingPolicy());
        assertEquals(0, defaults.channelTuning().networkThreads());
        assertEquals(2, parse("--call", APPEND, "--cpus", "2").channelTuning().networkThreads());
        assertEquals("round_robin", parse("--call", APPEND, "--lb-strategy", "round_robin").channelTuning().loadBalancingPolicy());
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "--lb-strategy", "random"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", APPEND, "--max-recv-message-size", "lots"));
    }

    @Test
    void aServerThatCannotBeReachedFailsTheRunWithinTheConnectTimeout() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute("--call", APPEND, "--insecure", "--connect-timeout", "300ms", "-n", "1", "-c", "1",
                "-o", directory.resolve("never.txt").toString(), "127.0.0.1:" + closedPort);
        assertEquals(1, status, err.toString());
        assertTrue(err.toString().contains("cannot connect to 127.0.0.1:" + closedPort + " within --connect-timeout"), err.toString());
        assertFalse(Files.exists(directory.resolve("never.txt")));
    }

    /** ghz's own example config (www/docs/example_config.md), with an Eventline method: every key is understood. */
    @Test
    void ghzsExampleJsonConfigRunsUnchanged() throws IOException {
        Path json = directory.resolve("config.json");
        Files.writeString(json, """
                {
                    "proto": "/path/to/greeter.proto",
                    "call": "eventline.v1.StreamService.GetStreamInfo",
                    "total": 2000,
                    "concurrency": 50,
                    "data": {
                        "stream": "Joe"
                    },
                    "metadata": {
                        "foo": "bar",
                        "trace_id": "{{.RequestNumber}}",
                        "timestamp": "{{.TimestampUnix}}"
                    },
                    "import-paths": [
                        "/path/to/protos"
                    ],
                    "max-duration": "10s",
                    "host": "0.0.0.0:50051"
                }
                """);
        LoadTestSettings settings = parse("--config", json.toString());
        assertEquals("0.0.0.0", settings.target().host());
        assertEquals(2000, settings.limits().total());
        assertEquals(50, settings.limits().concurrency());
        assertEquals(Duration.ofSeconds(10), settings.limits().duration());
        assertEquals(GetStreamInfoRequest.newBuilder().setStream("Joe").build(), settings.requests().request(callData(0, settings)));
        Metadata headers = settings.metadata().headers(callData(17, settings));
        assertEquals("bar", headers.get(Metadata.Key.of("foo", Metadata.ASCII_STRING_MARSHALLER)));
        assertEquals("17", headers.get(Metadata.Key.of("trace_id", Metadata.ASCII_STRING_MARSHALLER)));
        assertEquals(Long.toString(Instant.EPOCH.getEpochSecond()), headers.get(Metadata.Key.of("timestamp", Metadata.ASCII_STRING_MARSHALLER)));
    }
}
