package io.eventline.loadtest.run;

import static java.util.Objects.requireNonNull;

/**
 * How one request ended: a status name ("OK", a gRPC code as ghz names it, such as "Aborted", or "ERROR" for a
 * Redis failure), the error text when it failed, and how many items (events) it carried.
 */
public record Outcome(String status, String error, long items) {
    public static final String OK = "OK";

    public Outcome {
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
        if (items < 0) {
            throw new IllegalArgumentException("items is negative");
        }
    }

    public static Outcome ok(long items) {
        return new Outcome(OK, "", items);
    }

    public static Outcome failed(String status, String error) {
        return new Outcome(status, error, 0);
    }

    public boolean succeeded() {
        return status.equals(OK);
    }
}
