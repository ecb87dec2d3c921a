package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.report.OutputFormat;
import io.eventline.loadtest.run.LoadSchedule;
import io.eventline.loadtest.run.RunLimits;
import io.eventline.loadtest.run.TerminalProgress;
import io.eventline.loadtest.endpoint.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The ghz-compatible load generator; {@code scenario} runs the event-store benchmarks. */
@Command(
        name = "eventline-loadtest",
        mixinStandardHelpOptions = true,
        version = "eventline-loadtest 0.1.0",
        sortOptions = false,
        subcommands = ScenarioCommand.class,
        description = {
                "Sends gRPC load to an Eventline server on this machine and reports latency like ghz.",
                "Only loopback targets are accepted (127.0.0.0/8, localhost, ::1).",
                "Template placeholders: {{.RequestNumber}}, {{randomStream \"prefix\" N}}, {{uuid}}, {{payload N}}."})
public final class LoadTestCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = Target.DEFAULT, paramLabel = "HOST:PORT",
            description = "The server (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--call", paramLabel = "METHOD",
            description = {"eventline.v1.EventStoreService/AppendEvents, eventline.v1.EventStoreService/ReadStream or "
                    + "eventline.v1.EventStoreService/Subscribe.",
                    "A Subscribe call never ends by itself: it needs --stream-call-count and/or --stream-call-duration. "
                            + "With a group in the request, its deliveries are acked (in batches of 100, the rest before the call ends); "
                            + "a failed Ack fails the call. The events received are the report's items."})
    String call;

    @Option(names = {"-d", "--data"}, paramLabel = "JSON", description = "The request as JSON, with placeholders.")
    String data;

    @Option(names = {"-D", "--data-file"}, paramLabel = "FILE", description = "Read the request template from a file.")
    Path dataFile;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "50", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-n", "--total"}, defaultValue = "200", description = "Requests to send (default: ${DEFAULT-VALUE}); ignored with -z.")
    long total;

    @Option(names = {"-z", "--duration"}, defaultValue = "0", converter = DurationConverter.class,
            description = "Run this long (e.g. 10s, 1m); when set, -n is ignored.")
    Duration duration;

    @Option(names = {"-r", "--rps"}, defaultValue = "0",
            description = "Requests per second, open loop (0: as fast as the workers go). Latency counts from each request's due time.")
    double rps;

    @Option(names = "--load-schedule", defaultValue = "const", description = "const, step or line (default: ${DEFAULT-VALUE}).")
    String loadSchedule;

    @Option(names = "--load-start", defaultValue = "0", description = "step/line: the starting rate, requests per second.")
    double loadStart;

    @Option(names = "--load-step", defaultValue = "0", description = "step: added each step; line: added each second (may be negative).")
    double loadStep;

    @Option(names = "--load-end", defaultValue = "0", description = "step/line: the rate to stop changing at (0: none).")
    double loadEnd;

    @Option(names = "--load-step-duration", defaultValue = "0", converter = DurationConverter.class,
            description = "step: how long each step lasts.")
    Duration loadStepDuration;

    @Option(names = "--stream-call-count", paramLabel = "N", defaultValue = "0",
            description = "Subscribe: end each call once it has received N events (0: no count). "
                    + "The client cancels the call and counts it a success.")
    long streamCallCount;

    @Option(names = "--stream-call-duration", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
            description = "Subscribe: end each call after this long (e.g. 500ms, 5s), the same way; shorter than --timeout. "
                    + "With --stream-call-count, whichever comes first.")
    Duration streamCallDuration;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-O", "--format"}, defaultValue = "summary", description = "summary, json, csv or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path output;

    /** Checks the options and turns them into settings; refuses any target that is not this machine. */
    public LoadTestSettings settings() {
        if (call == null || call.isBlank()) {
            throw new IllegalArgumentException("--call is required, e.g. --call eventline.v1.EventStoreService/AppendEvents "
                    + "(or run a benchmark: eventline-loadtest scenario --help)");
        }
        if (data != null && dataFile != null) {
            throw new IllegalArgumentException("give the request with -d or -D, not both");
        }
        LoadSchedule.Kind kind = LoadSchedule.Kind.parse(loadSchedule);
        LoadSchedule schedule = kind == LoadSchedule.Kind.CONST
                ? LoadSchedule.constant(rps)
                : new LoadSchedule(kind, 0, loadStart, loadStep, loadEnd, loadStepDuration);
        RunLimits limits = new RunLimits(duration.isZero() ? total : 0, duration, concurrency, schedule);
        return new LoadTestSettings(
                Target.parse(target),
                EventStoreCall.forMethod(call),
                requestText(),
                limits,
                new StreamCallEnd(streamCallCount, streamCallDuration),
                connection.connections(),
                connection.timeout(),
                connection.security(),
                OutputFormat.parse(format),
                Optional.ofNullable(output));
    }

    @Override
    public Integer call() throws Exception {
        LoadTestSettings settings = settings();
        new CallLoadTest(settings, TerminalProgress.forStandardError(), System.err).run(StandardStreams.out());
        return 0;
    }

    private String requestText() {
        if (dataFile == null) {
            return data == null ? "{}" : data;
        }
        try {
            return Files.readString(dataFile, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the request template " + dataFile, e);
        }
    }
}
