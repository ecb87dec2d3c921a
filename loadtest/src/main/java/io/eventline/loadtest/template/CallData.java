package io.eventline.loadtest.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * ghz's call data: what the data and metadata templates of one request see. One instance serves
 * both, so {@code {{.UUID}}} or {@code {{.Timestamp}}} are the same in the body and the headers.
 */
public record CallData(long requestNumber, String workerId, Instant timestamp, UUID uuid, MethodNames method) {
    public CallData {
        requireNonNull(workerId, "workerId is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(method, "method is null");
    }

    /** RFC 3339 in whole seconds, as Go's {@code time.RFC3339}. */
    public String rfc3339() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(timestamp.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    public long unixNanos() {
        return Math.addExact(Math.multiplyExact(timestamp.getEpochSecond(), 1_000_000_000L), timestamp.getNano());
    }
}
