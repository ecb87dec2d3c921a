package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.CallBounds;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.grpc.RpcCall;
import io.eventline.loadtest.grpc.StreamCallEnder;
import io.eventline.loadtest.grpc.TemplateOperation;
import io.eventline.loadtest.run.DebugLog;
import io.eventline.loadtest.run.LoadRunner;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.ProgressListener;
import io.eventline.loadtest.run.RunResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Runs one ghz-style load test and writes its report. */
final class CallLoadTest {
    private final LoadTestSettings settings;
    private final ProgressListener progress;
    private final PrintStream diagnostics;

    CallLoadTest(LoadTestSettings settings, ProgressListener progress, PrintStream diagnostics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
    }

    void run(PrintStream standardOutput) throws InterruptedException, IOException {
        RunResult result;
        ScheduledThreadPoolExecutor streamCallTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "loadtest-stream-call-timer");
            thread.setDaemon(true);
            return thread;
        });
        // a call that ends by its count leaves its duration timer behind, cancelled: drop it from the queue
        streamCallTimer.setRemoveOnCancelPolicy(true);
        CallBounds bounds = new CallBounds(settings.timeout(), settings.streamCallEnd().isSet()
                ? Optional.of(new StreamCallEnder(settings.streamCallEnd(), streamCallTimer))
                : Optional.empty());
        try (ChannelPool channels = new ChannelPool(settings.target(), settings.security(), settings.connections(), settings.channelTuning())) {
            LoadRunner runner = new LoadRunner(
                    settings.limits(),
                    Duration.ofSeconds(1),
                    settings.timeout().plusSeconds(5),
                    settings.recording(),
                    progress,
                    diagnostics);
            channels.awaitConnected();
            RpcCall call = new RpcCall(settings.method(), bounds, settings.callOptions());
            String name = String.valueOf(settings.reportOptions().getOrDefault("name", ""));
            Operation operation = new TemplateOperation(call, settings.method().names(), settings.requests(), settings.metadata(), channels, name);
            Optional<DebugLog> debugLog = settings.debugLog().map(DebugLog::new);
            try {
                result = runner.run(name.isEmpty() ? settings.method().fullMethodName() : name,
                        debugLog.map(log -> log.around(operation)).orElse(operation), settings.durationStop());
            }
            finally {
                debugLog.ifPresent(DebugLog::close);
            }
        }
        finally {
            streamCallTimer.shutdownNow();
            streamCallTimer.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (result.callsNotLogged() > 0) {
            diagnostics.printf("warning: the report lists the first %d requests; %d more are counted in the totals only%n",
                    result.calls().size(), result.callsNotLogged());
        }
        String report = settings.format().report().render(result, settings.reportOptions());
        if (settings.output().isPresent()) {
            Path file = settings.output().get();
            Files.writeString(file, report, StandardCharsets.UTF_8);
        }
        else {
            standardOutput.print(report);
            standardOutput.flush();
        }
    }
}
