package io.eventline.loadtest.grpc;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What ends a call besides the server: its deadline, and for a call that never ends by itself
 * (Subscribe) the client's own end. Calls that end by themselves (AppendEvents, ReadStream) have none.
 */
public record CallBounds(Duration timeout, Optional<StreamCallEnder> streamCallEnder) {
    public CallBounds {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(streamCallEnder, "streamCallEnder is null");
    }

    public static CallBounds deadline(Duration timeout) {
        return new CallBounds(timeout, Optional.empty());
    }
}
