package io.eventline.loadtest.cli;

import io.eventline.loadtest.Main;
import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.report.OutputFormat;
import io.eventline.loadtest.run.LoadSchedule;
import io.eventline.loadtest.endpoint.NonLoopbackTargetException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadTestCommandTest {
    private static final String TEMPLATE = "{\"stream\":\"{{randomStream \"order-\" 10}}\"}";

    private static LoadTestSettings parse(String... args) {
        LoadTestCommand command = new LoadTestCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void defaultsFollowGhz() {
        LoadTestSettings settings = parse("--call", "eventline.v1.EventStoreService/AppendEvents");
        assertEquals("127.0.0.1", settings.target().host());
        assertEquals(50051, settings.target().port());
        assertEquals(EventStoreCall.APPEND_EVENTS, settings.call());
        assertEquals(50, settings.limits().concurrency());
        assertEquals(200, settings.limits().total());
        assertEquals(Duration.ZERO, settings.limits().duration());
        assertFalse(settings.limits().schedule().paced());
        assertEquals(1, settings.connections());
        assertEquals(Duration.ofSeconds(20), settings.timeout());
        assertTrue(settings.security().caCertificates().isEmpty());
        assertEquals(OutputFormat.SUMMARY, settings.format());
        assertTrue(settings.output().isEmpty());
        assertEquals("{}", settings.data());
    }

    @Test
    void readsEveryOption() {
        LoadTestSettings settings = parse(
                "--call", "eventline.v1.EventStoreService.ReadStream",
                "-d", TEMPLATE,
                "-c", "8", "-n", "5000", "-r", "1000", "--connections", "4", "-t", "750ms",
                "--cacert", "/tmp/ca.pem", "-O", "html", "-o", "/tmp/report.html", "localhost:50071");
        assertEquals(EventStoreCall.READ_STREAM, settings.call());
        assertEquals(TEMPLATE, settings.data());
        assertEquals(8, settings.limits().concurrency());
        assertEquals(5000, settings.limits().total());
        assertEquals(1000.0, settings.limits().schedule().rps());
        assertTrue(settings.limits().schedule().paced());
        assertEquals(4, settings.connections());
        assertEquals(Duration.ofMillis(750), settings.timeout());
        assertEquals(Path.of("/tmp/ca.pem"), settings.security().caCertificates().orElseThrow());
        assertEquals(OutputFormat.HTML, settings.format());
        assertEquals(Path.of("/tmp/report.html"), settings.output().orElseThrow());
        assertEquals("localhost", settings.target().host());
        assertEquals(50071, settings.target().port());
    }

    @Test
    void durationMakesTheCountIgnoredAsInGhz() {
        LoadTestSettings settings = parse("--call", "eventline.v1.EventStoreService/AppendEvents", "-n", "10", "-z", "1m30s");
        assertEquals(0, settings.limits().total());
        assertEquals(Duration.ofSeconds(90), settings.limits().duration());
    }

    @Test
    void readsStepSchedule() {
        LoadTestSettings settings = parse("--call", "eventline.v1.EventStoreService/AppendEvents", "-z", "10s",
                "--load-schedule", "step", "--load-start", "100", "--load-step", "50", "--load-end", "400",
                "--load-step-duration", "2s");
        LoadSchedule schedule = settings.limits().schedule();
        assertEquals(LoadSchedule.Kind.STEP, schedule.kind());
        assertEquals(100, schedule.start());
        assertEquals(50, schedule.step());
        assertEquals(400, schedule.end());
        assertEquals(Duration.ofSeconds(2), schedule.stepDuration());
    }

    @Test
    void refusesBadSettingsWithTheirReason() {
        assertThrows(IllegalArgumentException.class, () -> parse("-n", "10"), "--call is required");
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/Nack"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/AppendEvents", "-O", "xml"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/AppendEvents", "-c", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/AppendEvents",
                "--load-schedule", "line"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--call", "x", "-z", "ten seconds"));
    }

    @Test
    void readsTheStreamCallEndOfSubscribe() {
        LoadTestSettings settings = parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-count", "500", "--stream-call-duration", "1m30s", "-t", "2m");
        assertEquals(EventStoreCall.SUBSCRIBE, settings.call());
        assertEquals(new StreamCallEnd(500, Duration.ofSeconds(90)), settings.streamCallEnd());
        assertEquals("500", settings.describe().get("stream-call-count"));
        assertEquals("PT1M30S", settings.describe().get("stream-call-duration"));
        assertEquals(new StreamCallEnd(0, Duration.ofMillis(250)),
                parse("--call", "eventline.v1.EventStoreService.Subscribe", "--stream-call-duration", "250ms").streamCallEnd());
        assertEquals(new StreamCallEnd(7, Duration.ZERO),
                parse("--call", "eventline.v1.EventStoreService/Subscribe", "--stream-call-count", "7").streamCallEnd());
        assertEquals(StreamCallEnd.NONE, parse("--call", "eventline.v1.EventStoreService/AppendEvents").streamCallEnd());
    }

    @Test
    void refusesASubscribeThatOnlyItsDeadlineWouldEnd() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> parse("--call", "eventline.v1.EventStoreService/Subscribe", "-d", "{\"stream\":\"s\"}"));
        assertTrue(refused.getMessage().contains("eventline.v1.EventStoreService/Subscribe never ends by itself"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--stream-call-count"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--stream-call-duration"), refused.getMessage());
    }

    @Test
    void refusesAStreamCallDurationTheDeadlineWouldCutShort() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> parse("--call", "eventline.v1.EventStoreService/Subscribe", "--stream-call-duration", "20s"));
        assertTrue(refused.getMessage().contains("must be shorter than --timeout"), refused.getMessage());
        assertEquals(Duration.ofSeconds(30), parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-duration", "30s", "-t", "31s").streamCallEnd().duration());
    }

    @Test
    void refusesStreamCallOptionsForCallsThatEndByThemselves() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> parse("--call", "eventline.v1.EventStoreService/ReadStream", "--stream-call-count", "5"));
        assertTrue(refused.getMessage().contains("apply to eventline.v1.EventStoreService/Subscribe only"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> parse("--call", "eventline.v1.EventStoreService/AppendEvents", "--stream-call-duration", "1s"));
    }

    @Test
    void refusesNegativeStreamCallOptionsAndBadDurations() {
        assertThrows(IllegalArgumentException.class, () -> parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-count", "-1"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--call", "eventline.v1.EventStoreService/Subscribe",
                "--stream-call-duration", "five seconds"));
    }

    @Test
    void theCommandLineNamesBothOptionsWhenASubscribeHasNoEnd() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute("--call", "eventline.v1.EventStoreService/Subscribe", "-d", "{\"stream\":\"s\"}", "127.0.0.1:1");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("error: eventline.v1.EventStoreService/Subscribe never ends by itself: give --stream-call-count N"),
                err.toString());
        assertTrue(err.toString().contains("--stream-call-duration D"), err.toString());
    }

    @Test
    void refusesATargetThatIsNotThisMachine() {
        assertThrows(NonLoopbackTargetException.class, () -> parse("--call", "eventline.v1.EventStoreService/AppendEvents", "10.1.2.3:50051"));
        assertThrows(NonLoopbackTargetException.class, () -> parse("--call", "eventline.v1.EventStoreService/AppendEvents", "example.com:50051"));
    }

    @Test
    void theCommandLineSaysWhyATargetIsRefused() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute("--call", "eventline.v1.EventStoreService/AppendEvents", "192.168.1.10:50051");
        assertEquals(2, status);
        assertTrue(err.toString().contains("refusing to send load to '192.168.1.10'"), err.toString());
        assertTrue(err.toString().contains("only loopback targets are allowed"), err.toString());
    }
}
