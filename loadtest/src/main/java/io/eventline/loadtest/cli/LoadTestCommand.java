package io.eventline.loadtest.cli;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.eventline.loadtest.endpoint.Target;
import io.eventline.loadtest.grpc.ChannelTuning;
import io.eventline.loadtest.grpc.RpcMethod;
import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.report.OutputFormat;
import io.eventline.loadtest.run.ConcurrencySchedule;
import io.eventline.loadtest.run.DurationStop;
import io.eventline.loadtest.run.LoadSchedule;
import io.eventline.loadtest.run.RecordingRules;
import io.eventline.loadtest.run.RunLimits;
import io.eventline.loadtest.run.TerminalProgress;
import io.eventline.loadtest.template.BinaryRequests;
import io.eventline.loadtest.template.CallData;
import io.eventline.loadtest.template.MetadataTemplate;
import io.eventline.loadtest.template.RequestFactory;
import io.eventline.loadtest.template.RequestSource;
import io.eventline.loadtest.template.RequestTemplate;
import io.grpc.CallOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** The ghz-compatible load generator; {@code scenario} runs the event-store benchmarks. */
@Command(
        name = "eventline-loadtest",
        version = "eventline-loadtest 0.1.0",
        sortOptions = false,
        subcommands = ScenarioCommand.class,
        description = {
                "Sends gRPC load to an Eventline server and reports latency like ghz: ghz's options, config files "
                        + "(JSON, TOML, YAML), template actions and output formats.",
                "Where it differs from ghz, on purpose:",
                "  - with -r or a load schedule, latency counts from each request's due time, not its send time "
                        + "(the coordinated-omission correction): a stalled server is charged for the requests it kept waiting;",
                "  - a concurrency schedule needs -r or a load schedule, and a rising one --concurrency-end or --concurrency-max-duration;",
                "  - a stream the client ends (--stream-call-count, --stream-call-duration) is counted OK with what it received, "
                        + "where ghz reports it Canceled;",
                "  - the methods are Eventline's own, compiled in: --proto, --protoset, -i and --reflect-metadata are accepted and not needed;",
                "  - client-streaming options (--stream-interval, --stream-dynamic-messages) have nothing to act on; --cpus sets the "
                        + "network threads only; --debug logs requests and answers, not ghz's internals;",
                "  - the CSV adds a start (ms) column after ghz's three, the JSON items, itemsPerSecond and timeline after ghz's fields;",
                "  - templates know ghz's call data and newUUID, randomString, randomInt, plus randomStream, uuid and payload; "
                        + "not Go's full template language nor sprig;",
                "  - the scenario subcommand runs event-store benchmarks beside raw Redis baselines."})
public final class LoadTestCommand implements Callable<Integer> {
    private static final String DEFAULT_DATA = "{}";

    private final Supplier<InputStream> standardInput;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", description = "The server (default: " + Target.DEFAULT + ").")
    String target;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version.")
    boolean version;

    @Option(names = "--config", paramLabel = "FILE", description = "A ghz config file (.json, .toml, .yaml or .yml); options on the command line win.")
    Path config;

    @Option(names = "--proto", paramLabel = "FILE", description = "Accepted for ghz; not needed: Eventline's methods are compiled in.")
    String proto;

    @Option(names = "--protoset", paramLabel = "FILE", description = "Accepted for ghz; not needed: Eventline's methods are compiled in.")
    String protoset;

    @Option(names = {"-i", "--import-paths"}, paramLabel = "PATHS", description = "Accepted for ghz; not needed.")
    String importPaths;

    @Option(names = "--reflect-metadata", paramLabel = "JSON", description = "Accepted for ghz; not needed: no reflection is done.")
    String reflectMetadata;

    @Option(names = "--call", paramLabel = "METHOD",
            description = {"Any unary or server-streaming method of eventline.v1.EventStoreService, StreamService or "
                    + "ConsumerGroupService, e.g. eventline.v1.EventStoreService/AppendEvents or eventline.v1.StreamService.GetStreamInfo.",
                    "A Subscribe call never ends by itself: give --stream-call-count and/or --stream-call-duration, or it ends at -t. "
                            + "With a group in the request, its deliveries are acked (in batches of 100, the rest before the call ends); "
                            + "a failed Ack fails the call."})
    String call;

    @Option(names = {"-d", "--data"}, paramLabel = "JSON",
            description = "The request as JSON, a template; a JSON array's messages are sent in turn; @ reads it from standard input.")
    String data;

    @Option(names = {"-D", "--data-file"}, paramLabel = "FILE", description = "Read the request JSON from a file.")
    Path dataFile;

    @Option(names = {"-b", "--binary"}, arity = "0..1", fallbackValue = "true",
            description = "Read the request as serialized protobuf from standard input: one message or length-delimited ones.")
    boolean binary;

    @Option(names = {"-B", "--binary-file"}, paramLabel = "FILE", description = "Read the request as serialized protobuf from a file, as -b.")
    Path binaryFile;

    @Option(names = {"-m", "--metadata"}, paramLabel = "JSON", description = "Request metadata as a JSON object of strings, a template.")
    String metadata;

    @Option(names = {"-M", "--metadata-file"}, paramLabel = "FILE", description = "Read the metadata JSON from a file.")
    Path metadataFile;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "50", description = "Workers: requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--concurrency-schedule", defaultValue = "const", description = "const, step or line (default: ${DEFAULT-VALUE}); step and line need -r or a load schedule.")
    String concurrencySchedule;

    @Option(names = "--concurrency-start", defaultValue = "1", description = "step/line: the workers to start with (default: ${DEFAULT-VALUE}).")
    int concurrencyStart;

    @Option(names = "--concurrency-end", defaultValue = "0", description = "step/line: the number of workers to stop changing at (0: none).")
    int concurrencyEnd;

    @Option(names = "--concurrency-step", defaultValue = "0", description = "step: workers added each step; line: added each second (may be negative).")
    int concurrencyStep;

    @Option(names = "--concurrency-step-duration", defaultValue = "0", converter = DurationConverter.class,
            description = "step: how long each step lasts.")
    Duration concurrencyStepDuration;

    @Option(names = "--concurrency-max-duration", defaultValue = "0", converter = DurationConverter.class,
            description = "step/line: stop changing the number of workers after this long (0: never).")
    Duration concurrencyMaxDuration;

    @Option(names = {"-n", "--total"}, defaultValue = "200", description = "Requests to send (default: ${DEFAULT-VALUE}); ignored with -z.")
    long total;

    @Option(names = {"-z", "--duration"}, defaultValue = "0", converter = DurationConverter.class,
            description = "Run this long (e.g. 10s, 1m); when set, -n is ignored.")
    Duration duration;

    @Option(names = {"-x", "--max-duration"}, defaultValue = "0", converter = DurationConverter.class,
            description = "Stop after this long even if -n requests are not all sent.")
    Duration maxDuration;

    @Option(names = "--duration-stop", defaultValue = "close",
            description = "When -z or -x ends the run, requests in flight are ended and counted (close), awaited and counted (wait), "
                    + "or left out (ignore) (default: ${DEFAULT-VALUE}).")
    String durationStop;

    @Option(names = {"-r", "--rps"}, defaultValue = "0",
            description = "Requests per second in total, open loop (0: as fast as the workers go). Latency counts from each request's due time.")
    double rps;

    @Option(names = "--load-schedule", defaultValue = "const", description = "const, step or line (default: ${DEFAULT-VALUE}).")
    String loadSchedule;

    @Option(names = "--load-start", defaultValue = "0", description = "step/line: the starting rate, requests per second.")
    double loadStart;

    @Option(names = "--load-step", defaultValue = "0", description = "step: added each step; line: added each second (may be negative).")
    double loadStep;

    @Option(names = "--load-end", defaultValue = "0", description = "step/line: the rate to stop changing at (0: none).")
    double loadEnd;

    @Option(names = "--load-step-duration", defaultValue = "0", converter = DurationConverter.class, description = "step: how long each step lasts.")
    Duration loadStepDuration;

    @Option(names = "--load-max-duration", defaultValue = "0", converter = DurationConverter.class,
            description = "step/line: stop changing the rate after this long (0: never).")
    Duration loadMaxDuration;

    @Option(names = "--async", arity = "0..1", fallbackValue = "true",
            description = "Send each request without waiting for the last one to end: -c no longer bounds the requests in flight.")
    boolean async;

    @Option(names = "--stream-interval", defaultValue = "0", converter = DurationConverter.class,
            description = "Client and bidi streaming only; Eventline has no such methods.")
    Duration streamInterval;

    @Option(names = "--stream-call-count", paramLabel = "N", defaultValue = "0",
            description = "Server streaming: end each call once it has received N messages (0: no count). Counted OK.")
    long streamCallCount;

    @Option(names = "--stream-call-duration", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
            description = "Server streaming: end each call after this long (e.g. 500ms). Counted OK; with --stream-call-count, whichever comes first.")
    Duration streamCallDuration;

    @Option(names = "--stream-dynamic-messages", arity = "0..1", fallbackValue = "true",
            description = "Client and bidi streaming only; Eventline has no such methods.")
    boolean streamDynamicMessages;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--connect-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the connections before the first request; 0: do not wait (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--lb-strategy", defaultValue = "pick_first",
            description = "pick_first or round_robin over the addresses the host resolves to, e.g. with dns:///HOST:PORT (default: ${DEFAULT-VALUE}).")
    String loadBalancingStrategy;

    @Option(names = "--keepalive", defaultValue = "0", converter = DurationConverter.class,
            description = "Keepalive ping interval; 0: none (default: ${DEFAULT-VALUE}).")
    Duration keepalive;

    @Option(names = "--max-recv-message-size", paramLabel = "SIZE", defaultValue = "4MiB",
            description = "The largest response accepted, e.g. 4194304, 42 MB, 42 MiB (default: gRPC's ${DEFAULT-VALUE}).")
    String maxReceiveMessageSize;

    @Option(names = "--max-send-message-size", paramLabel = "SIZE", description = "The largest request sent, e.g. 42 MB (default: no limit).")
    String maxSendMessageSize;

    @Option(names = {"-O", "--format"}, defaultValue = "summary",
            description = "summary, csv, json, pretty, html, influx-summary, influx-details or prometheus (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path output;

    @Option(names = "--skipFirst", defaultValue = "0", description = "Leave the first N responses out of the report (warm-up).")
    long skipFirst;

    @Option(names = "--count-errors", arity = "0..1", fallbackValue = "true",
            description = "Count failed requests in fastest, slowest, the histogram and the percentiles too.")
    boolean countErrors;

    @Option(names = "--name", description = "A name for the test, shown in the report.")
    String name;

    @Option(names = "--tags", paramLabel = "JSON", description = "JSON object of string tags, shown in the report.")
    String tags;

    @Option(names = "--cpus", description = "Threads for the connections' network work, as the cores ghz may use (default: gRPC's, two per core).")
    Integer cpus;

    @Option(names = "--debug", paramLabel = "FILE", description = "Write a JSON line for each request sent and each answer to this file.")
    String debug;

    @Option(names = {"-e", "--enable-compression"}, arity = "0..1", fallbackValue = "true", description = "Compress requests with gzip.")
    boolean enableCompression;

    public LoadTestCommand() {
        this(() -> System.in);
    }

    LoadTestCommand(Supplier<InputStream> standardInput) {
        this.standardInput = requireNonNull(standardInput, "standardInput is null");
    }

    /** Checks the options (and the config file's, under them) and turns them into settings. */
    public LoadTestSettings settings() {
        if (config != null) {
            return withConfigFile().settings();
        }
        if (call == null || call.isBlank()) {
            throw new IllegalArgumentException("--call is required, e.g. --call eventline.v1.EventStoreService/AppendEvents "
                    + "(or run a benchmark: eventline-loadtest scenario --help)");
        }
        refuseUnsupported();
        RpcMethod method = RpcMethod.forName(call);
        CallData sample = new CallData(0, "g0c0", Instant.now(), UUID.randomUUID(), method.names());
        LoadSchedule.Kind kind = LoadSchedule.Kind.parse(loadSchedule, "--load-schedule");
        LoadSchedule schedule = kind == LoadSchedule.Kind.CONST
                ? LoadSchedule.constant(rps)
                : new LoadSchedule(kind, 0, loadStart, loadStep, loadEnd, loadStepDuration, loadMaxDuration);
        LoadSchedule.Kind workersKind = LoadSchedule.Kind.parse(concurrencySchedule, "--concurrency-schedule");
        ConcurrencySchedule workers = workersKind == LoadSchedule.Kind.CONST
                ? ConcurrencySchedule.constant(Math.max(1, concurrency))
                : new ConcurrencySchedule(workersKind, concurrencyStart, concurrencyEnd, concurrencyStep, concurrencyStepDuration,
                        concurrencyMaxDuration);
        int slots = workersKind == LoadSchedule.Kind.CONST ? concurrency : workers.maximum();
        RunLimits limits = duration.isZero()
                ? new RunLimits(total, maxDuration, slots, schedule, workers, async)
                : new RunLimits(0, duration, slots, schedule, workers, async);
        OutputFormat outputFormat = OutputFormat.parse(format);
        String requestJson = binary || binaryFile != null ? null : dataText();
        return new LoadTestSettings(
                Target.parse(target == null ? Target.DEFAULT : target),
                method,
                requests(method, sample, requestJson),
                new MetadataTemplate(RequestTemplate.parse(metadataText()), sample),
                limits,
                new StreamCallEnd(streamCallCount, streamCallDuration),
                connection.connections(),
                connection.timeout(),
                connection.security(),
                new ChannelTuning(keepalive, ByteSizes.parse(maxReceiveMessageSize, "--max-recv-message-size"), connectTimeout,
                        loadBalancingStrategy, cpus == null ? 0 : cpus),
                callOptions(),
                outputFormat,
                Optional.ofNullable(output),
                new RecordingRules(outputFormat.needsCallLog() ? LoadTestSettings.CALL_LOG_CAPACITY : 0, skipFirst, countErrors),
                DurationStop.parse(durationStop),
                Optional.ofNullable(debug).map(Path::of),
                reportOptions(method, requestJson));
    }

    @Override
    public Integer call() throws Exception {
        LoadTestSettings settings = settings();
        new CallLoadTest(settings, TerminalProgress.forStandardError(), System.err).run(StandardStreams.out());
        return 0;
    }

    /** The command line again, under the config file's settings: a setting given both ways takes the command line's. */
    private LoadTestCommand withConfigFile() {
        ConfigFile file = ConfigFile.read(config, spec);
        List<String> arguments = new ArrayList<>(file.arguments());
        arguments.addAll(ConfigFile.withoutConfigOption(spec.commandLine().getParseResult().originalArgs()));
        LoadTestCommand merged = new LoadTestCommand(standardInput);
        CommandLine.ParseResult parsed = new CommandLine(merged).setOverwrittenOptionsAllowed(true)
                .parseArgs(arguments.toArray(String[]::new));
        if (!parsed.hasMatchedPositional(0)) {
            merged.target = file.host().orElse(null);
        }
        return merged;
    }

    private CallOptions callOptions() {
        CallOptions options = enableCompression ? CallOptions.DEFAULT.withCompression("gzip") : CallOptions.DEFAULT;
        return maxSendMessageSize == null
                ? options
                : options.withMaxOutboundMessageSize(ByteSizes.parse(maxSendMessageSize, "--max-send-message-size"));
    }

    private void refuseUnsupported() {
        long dataSources = List.of(data != null, dataFile != null, binary, binaryFile != null).stream().filter(given -> given).count();
        if (dataSources > 1) {
            throw new IllegalArgumentException("give the request one way: -d, -D, -b or -B");
        }
        if (metadata != null && metadataFile != null) {
            throw new IllegalArgumentException("give the metadata with -m or -M, not both");
        }
    }

    private RequestSource requests(RpcMethod method, CallData sample, String requestJson) {
        if (binary) {
            return BinaryRequests.parse(readStandardInput(), method::newRequest);
        }
        if (binaryFile != null) {
            return BinaryRequests.parse(readFile(binaryFile, "-B"), method::newRequest);
        }
        return new RequestFactory(method::newRequest, RequestTemplate.parse(requestJson), sample);
    }

    private String dataText() {
        if (dataFile != null) {
            return new String(readFile(dataFile, "-D"), StandardCharsets.UTF_8);
        }
        if ("@".equals(data)) {
            return new String(readStandardInput(), StandardCharsets.UTF_8);
        }
        return data == null ? DEFAULT_DATA : data;
    }

    private String metadataText() {
        if (metadataFile != null) {
            return new String(readFile(metadataFile, "-M"), StandardCharsets.UTF_8);
        }
        return metadata == null ? "{}" : metadata;
    }

    private byte[] readStandardInput() {
        try (InputStream input = standardInput.get()) {
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    private static byte[] readFile(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The settings as ghz's JSON report names them under {@code options}: durations in nanoseconds. */
    private Map<String, Object> reportOptions(RpcMethod method, String requestJson) {
        Map<String, Object> options = new LinkedHashMap<>();
        Optional.ofNullable(name).ifPresent(given -> options.put("name", given));
        options.put("call", method.fullMethodName());
        options.put("host", Target.parse(target == null ? Target.DEFAULT : target).toString());
        options.put("insecure", connection.insecure);
        Optional.ofNullable(connection.caCertificates).ifPresent(file -> options.put("cacert", file.toString()));
        Optional.ofNullable(connection.certificate).ifPresent(file -> options.put("cert", file.toString()));
        Optional.ofNullable(connection.key).ifPresent(file -> options.put("key", file.toString()));
        Optional.ofNullable(connection.serverName).ifPresent(cname -> options.put("cname", cname));
        options.put("skipTLS", connection.skipVerify);
        options.put("rps", wholeIfWhole(rps));
        options.put("load-schedule", loadSchedule);
        options.put("load-start", wholeIfWhole(loadStart));
        options.put("load-end", wholeIfWhole(loadEnd));
        options.put("load-step", wholeIfWhole(loadStep));
        options.put("load-step-duration", loadStepDuration.toNanos());
        options.put("load-max-duration", loadMaxDuration.toNanos());
        options.put("concurrency", concurrency);
        options.put("async", async);
        options.put("concurrency-schedule", concurrencySchedule);
        options.put("concurrency-start", concurrencyStart);
        options.put("concurrency-end", concurrencyEnd);
        options.put("concurrency-step", concurrencyStep);
        options.put("concurrency-step-duration", concurrencyStepDuration.toNanos());
        options.put("concurrency-max-duration", concurrencyMaxDuration.toNanos());
        options.put("total", duration.isZero() ? total : 0);
        options.put("connections", connection.connections());
        options.put("duration", duration.toNanos());
        options.put("duration-stop", durationStop);
        options.put("timeout", connection.timeout().toNanos());
        options.put("dial-timeout", connectTimeout.toNanos());
        options.put("keepalive", keepalive.toNanos());
        options.put("lb-strategy", loadBalancingStrategy);
        options.put("data", jsonOrText(requestJson));
        options.put("binary", binary || binaryFile != null);
        options.put("metadata", jsonOrText(metadataText()));
        options.put("skipFirst", skipFirst);
        options.put("count-errors", countErrors);
        options.put("stream-call-count", streamCallCount);
        options.put("stream-call-duration", streamCallDuration.toNanos());
        options.put("tags", jsonOrText(tags));
        options.put("CPUs", cpus == null ? Runtime.getRuntime().availableProcessors() : cpus);
        return options;
    }

    /** A whole rate as an integer, as ghz's unsigned fields hold it, so that its readers can read it. */
    private static Number wholeIfWhole(double value) {
        return value == Math.rint(value) ? (Number) (long) value : (Number) value;
    }

    /** JSON text as JSON, so the report shows it as ghz does; a template that is not JSON before rendering stays text. */
    private static Object jsonOrText(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonParser.parseString(text);
        }
        catch (JsonParseException e) {
            return text;
        }
    }
}
