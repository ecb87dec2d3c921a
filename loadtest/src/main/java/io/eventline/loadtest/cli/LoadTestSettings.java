package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.grpc.TransportSecurity;
import io.eventline.loadtest.report.OutputFormat;
import io.eventline.loadtest.run.RunLimits;
import io.eventline.loadtest.endpoint.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A ghz-style run, checked: what to call, with which template, how hard, and where the report goes. */
public record LoadTestSettings(
        Target target,
        EventStoreCall call,
        String data,
        RunLimits limits,
        int connections,
        Duration timeout,
        TransportSecurity security,
        OutputFormat format,
        Optional<Path> output) {
    public LoadTestSettings {
        requireNonNull(target, "target is null");
        requireNonNull(call, "call is null");
        requireNonNull(data, "data is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(security, "security is null");
        requireNonNull(format, "format is null");
        requireNonNull(output, "output is null");
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
    }

    /** The settings as the reports show them. */
    public Map<String, String> describe() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("call", call.fullMethodName());
        options.put("host", target.toString());
        options.put("concurrency", Integer.toString(limits.concurrency()));
        options.put("total", Long.toString(limits.total()));
        options.put("duration", limits.duration().toString());
        options.put("load-schedule", limits.schedule().kind().name().toLowerCase(Locale.ROOT));
        options.put("rps", Double.toString(limits.schedule().rps()));
        options.put("connections", Integer.toString(connections));
        options.put("timeout", timeout.toString());
        options.put("tls", security.caCertificates().map(Path::toString).orElse("plaintext"));
        options.put("data", data);
        return options;
    }
}
