package io.eventline.client.internal;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The options of each call: the credentials, and a deadline per attempt for unary calls. Streaming
 * calls (reads, subscriptions) get no deadline: they last as long as their consumer wants.
 */
public final class CallOptionsFactory {
    private final Duration deadline;
    private final Optional<CallCredentials> credentials;

    public CallOptionsFactory(Duration deadline, Optional<CallCredentials> credentials) {
        this.deadline = requireNonNull(deadline, "deadline is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
    }

    public CallOptions unary() {
        return streaming().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public CallOptions streaming() {
        return credentials.map(CallOptions.DEFAULT::withCallCredentials).orElse(CallOptions.DEFAULT);
    }
}
