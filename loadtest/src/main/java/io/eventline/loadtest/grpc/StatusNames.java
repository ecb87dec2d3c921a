package io.eventline.loadtest.grpc;

import io.grpc.Status;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * gRPC status codes named as ghz prints them (Go's {@code codes.Code.String()}): {@code OK},
 * {@code Unauthenticated}, {@code DeadlineExceeded}, {@code Canceled}; so that report readers
 * written for ghz read ours.
 */
public final class StatusNames {
    private StatusNames() {
    }

    public static String of(Status.Code code) {
        return switch (code) {
            case OK -> "OK";
            // Go spells it with one l
            case CANCELLED -> "Canceled";
            default -> Arrays.stream(code.name().split("_"))
                    .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining());
        };
    }
}
