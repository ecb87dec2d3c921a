package io.eventline.proto.v1;

import java.util.Optional;

/**
 * Between {@link ErrorReason} and {@code google.rpc.ErrorInfo.reason}, where a reason travels as the
 * value's name without the enum's prefix ({@code WRONG_EXPECTED_VERSION}), as errors.proto says.
 */
public final class ErrorReasons {
    private static final String PREFIX = "ERROR_REASON_";

    private ErrorReasons() {
    }

    /** The reason as ErrorInfo carries it. */
    public static String wireName(ErrorReason reason) {
        if (reason == ErrorReason.ERROR_REASON_UNSPECIFIED || reason == ErrorReason.UNRECOGNIZED) {
            throw new IllegalArgumentException("no reason to send: " + reason);
        }
        return reason.name().substring(PREFIX.length());
    }

    /** The declared reason of an ErrorInfo's reason, or empty for one this contract does not know. */
    public static Optional<ErrorReason> fromWireName(String wireName) {
        try {
            ErrorReason reason = ErrorReason.valueOf(PREFIX + wireName);
            return reason == ErrorReason.ERROR_REASON_UNSPECIFIED ? Optional.empty() : Optional.of(reason);
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
