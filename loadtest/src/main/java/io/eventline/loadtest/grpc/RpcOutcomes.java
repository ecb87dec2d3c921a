package io.eventline.loadtest.grpc;

import io.eventline.loadtest.run.Outcome;
import io.grpc.Status;

/** Turns a failed call into an outcome named by its gRPC status code, with ghz's status name and error text. */
public final class RpcOutcomes {
    private RpcOutcomes() {
    }

    public static Outcome failed(Throwable error) {
        Status status = Status.fromThrowable(error);
        String name = StatusNames.of(status.getCode());
        String description = status.getDescription() == null ? "" : status.getDescription();
        return Outcome.failed(name, "rpc error: code = " + name + " desc = " + description);
    }
}
