package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.CallBounds;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.grpc.StreamCallEnder;
import io.eventline.loadtest.grpc.TemplateOperation;
import io.eventline.loadtest.run.LoadRunner;
import io.eventline.loadtest.run.ProgressListener;
import io.eventline.loadtest.run.RunResult;
import io.eventline.loadtest.template.RequestFactory;
import io.eventline.loadtest.template.RequestTemplate;

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
    /** Enough rows for minutes of load at tens of thousands of requests per second. */
    private static final int CALL_LOG_CAPACITY = 5_000_000;

    private final LoadTestSettings settings;
    private final ProgressListener progress;
    private final PrintStream diagnostics;

    CallLoadTest(LoadTestSettings settings, ProgressListener progress, PrintStream diagnostics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
    }

    void run(PrintStream standardOutput) throws InterruptedException, IOException {
        RequestFactory requests = new RequestFactory(settings.call(), RequestTemplate.parse(settings.data()));
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
        try (ChannelPool channels = new ChannelPool(settings.target(), settings.security(), settings.connections())) {
            LoadRunner runner = new LoadRunner(
                    settings.limits(),
                    Duration.ofSeconds(1),
                    settings.timeout().plusSeconds(5),
                    settings.format().needsCallLog() ? CALL_LOG_CAPACITY : 0,
                    progress,
                    diagnostics);
            result = runner.run(settings.call().fullMethodName(),
                    new TemplateOperation(settings.call(), requests, channels, bounds));
        }
        finally {
            streamCallTimer.shutdownNow();
            streamCallTimer.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (result.callsNotLogged() > 0) {
            diagnostics.printf("warning: the CSV lists the first %d requests; %d more are counted in the totals only%n",
                    result.calls().size(), result.callsNotLogged());
        }
        String report = settings.format().report().render(result, settings.describe());
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
