package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Outcome;

import static java.util.Objects.requireNonNull;

/** How one try of an optimistic append ended; {@code outcome} is the request's outcome if this try is its last. */
record AttemptResult(Kind kind, Outcome outcome) {
    enum Kind { COMMITTED, CONFLICT, FAILED }

    AttemptResult {
        requireNonNull(kind, "kind is null");
        requireNonNull(outcome, "outcome is null");
    }

    static AttemptResult committed() {
        return new AttemptResult(Kind.COMMITTED, Outcome.ok(1));
    }

    /** Another writer got there first; {@code ifGivingUp} is what the request reports when no try is left. */
    static AttemptResult conflict(Outcome ifGivingUp) {
        return new AttemptResult(Kind.CONFLICT, ifGivingUp);
    }

    static AttemptResult failed(Outcome outcome) {
        return new AttemptResult(Kind.FAILED, outcome);
    }
}
