package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Outcome;
import io.eventline.server.concurrent.AsyncFailures;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Outcomes of raw Redis commands: "OK", or "ERROR" with Redis's message. */
final class RedisOutcomes {
    private RedisOutcomes() {
    }

    static Outcome failed(Throwable error) {
        return Outcome.failed("ERROR", "redis: " + AsyncFailures.cause(error).getMessage());
    }

    /** The append script's reply: {@code OK}/{@code DUP} and the versions, or a refusal. */
    static Outcome ofScriptReply(List<Object> reply, long events) {
        // a call's reply is each append's reply preceded by its length; the baseline's calls carry one append
        Object first = reply.size() < 2 ? null : reply.get(1);
        String outcome = first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
        if (outcome.equals("OK") || outcome.equals("DUP")) {
            return Outcome.ok(events);
        }
        return Outcome.failed("SCRIPT_" + outcome, "append script replied " + outcome);
    }
}
