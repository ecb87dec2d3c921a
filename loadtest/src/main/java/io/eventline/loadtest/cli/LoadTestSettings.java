package io.eventline.loadtest.cli;

import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.grpc.StreamCallEnd;
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

/**
 * A ghz-style run, checked: what to call, with which template, how hard, when the client ends a call
 * that never ends by itself, and where the report goes.
 */
public record LoadTestSettings(
        Target target,
        EventStoreCall call,
        String data,
        RunLimits limits,
        StreamCallEnd streamCallEnd,
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
        requireNonNull(streamCallEnd, "streamCallEnd is null");
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
        checkStreamCallEnd(call, streamCallEnd, timeout);
    }

    private static void checkStreamCallEnd(EventStoreCall call, StreamCallEnd end, Duration timeout) {
        if (!call.endsByItself() && !end.isSet()) {
            // with only its deadline to end it, every call would be a DEADLINE_EXCEEDED
            throw new IllegalArgumentException(call.fullMethodName() + " never ends by itself: give --stream-call-count N "
                    + "(end each call after N events) and/or --stream-call-duration D (end each call after D, e.g. 5s)");
        }
        if (call.endsByItself() && end.isSet()) {
            throw new IllegalArgumentException("--stream-call-count and --stream-call-duration apply to "
                    + EventStoreCall.SUBSCRIBE.fullMethodName() + " only; " + call.fullMethodName() + " ends by itself");
        }
        if (end.hasDuration() && end.duration().compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("--stream-call-duration (" + end.duration() + ") must be shorter than --timeout ("
                    + timeout + "), or the deadline ends every call first, as DEADLINE_EXCEEDED");
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
        options.put("stream-call-count", Long.toString(streamCallEnd.count()));
        options.put("stream-call-duration", streamCallEnd.duration().toString());
        options.put("connections", Integer.toString(connections));
        options.put("timeout", timeout.toString());
        options.put("tls", security.caCertificates().map(Path::toString).orElse("plaintext"));
        options.put("data", data);
        return options;
    }
}
