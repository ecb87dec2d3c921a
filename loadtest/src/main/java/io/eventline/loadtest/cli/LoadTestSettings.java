package io.eventline.loadtest.cli;

import io.eventline.loadtest.endpoint.Target;
import io.eventline.loadtest.grpc.ChannelTuning;
import io.eventline.loadtest.grpc.RpcMethod;
import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.grpc.TransportSecurity;
import io.eventline.loadtest.report.OutputFormat;
import io.eventline.loadtest.run.DurationStop;
import io.eventline.loadtest.run.RecordingRules;
import io.eventline.loadtest.run.RunLimits;
import io.eventline.loadtest.template.MetadataTemplate;
import io.eventline.loadtest.template.RequestSource;
import io.grpc.CallOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A ghz-style run, checked: what to call, with which requests and metadata, how hard, how the
 * connections and calls are set up, when the client ends a streaming call, what the report keeps and where it goes; {@code reportOptions} are
 * the settings as the report shows them.
 */
public record LoadTestSettings(
        Target target,
        RpcMethod method,
        RequestSource requests,
        MetadataTemplate metadata,
        RunLimits limits,
        StreamCallEnd streamCallEnd,
        int connections,
        Duration timeout,
        TransportSecurity security,
        ChannelTuning channelTuning,
        CallOptions callOptions,
        OutputFormat format,
        Optional<Path> output,
        RecordingRules recording,
        DurationStop durationStop,
        Optional<Path> debugLog,
        Map<String, Object> reportOptions) {
    /** Requests kept one by one for the per-request outputs; ghz keeps up to a million. */
    static final int CALL_LOG_CAPACITY = 1_000_000;

    public LoadTestSettings {
        requireNonNull(target, "target is null");
        requireNonNull(method, "method is null");
        requireNonNull(requests, "requests is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(streamCallEnd, "streamCallEnd is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(security, "security is null");
        requireNonNull(channelTuning, "channelTuning is null");
        requireNonNull(callOptions, "callOptions is null");
        requireNonNull(format, "format is null");
        requireNonNull(output, "output is null");
        requireNonNull(recording, "recording is null");
        requireNonNull(durationStop, "durationStop is null");
        requireNonNull(debugLog, "debugLog is null");
        // values may be null (ghz leaves such options out): no Map.copyOf
        reportOptions = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(reportOptions, "reportOptions is null")));
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1");
        }
        if (connections > limits.concurrency()) {
            throw new IllegalArgumentException("--connections (" + connections + ") cannot exceed -c (" + limits.concurrency() + ")");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must not be negative");
        }
        if (streamCallEnd.isSet() && !method.isServerStreaming()) {
            throw new IllegalArgumentException("--stream-call-count and --stream-call-duration apply to server-streaming methods; "
                    + method.fullMethodName() + " is unary");
        }
        if (streamCallEnd.hasDuration() && !timeout.isZero() && streamCallEnd.duration().compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("--stream-call-duration (" + streamCallEnd.duration() + ") must be shorter than --timeout ("
                    + timeout + "), or the deadline ends every call first, as DeadlineExceeded");
        }
    }
}
