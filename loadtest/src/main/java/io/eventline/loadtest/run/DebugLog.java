package io.eventline.loadtest.run;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * ghz's {@code --debug FILE}: a JSON line for each request sent and each answer, with the level,
 * time and message fields of ghz's log, written from any thread.
 */
public final class DebugLog implements AutoCloseable {
    private final BufferedWriter out;
    private final Gson gson = new Gson();
    /** The first write that failed, reported when the log is closed: a request's outcome does not depend on its log line. */
    private IOException failure;
    private boolean closed;

    public DebugLog(Path file) {
        requireNonNull(file, "file is null");
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("--debug " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The operation, logging what it sends and what comes back. */
    public Operation around(Operation operation) {
        requireNonNull(operation, "operation is null");
        return new Operation() {
            @Override
            public CompletableFuture<Outcome> start(long requestNumber, int slot) {
                return start(requestNumber, slot, System.nanoTime());
            }

            @Override
            public CompletableFuture<Outcome> start(long requestNumber, int slot, long dueNanos) {
                write(entry("Making request", requestNumber, slot));
                return operation.start(requestNumber, slot, dueNanos).whenComplete((outcome, error) -> {
                    JsonObject answer = entry("Received response", requestNumber, slot);
                    Outcome ended = outcome != null ? outcome : Outcome.failed("ERROR", String.valueOf(error));
                    answer.addProperty("status", ended.status());
                    answer.addProperty("error", ended.error());
                    write(answer);
                });
            }

            @Override
            public void abandonInFlight() {
                operation.abandonInFlight();
            }
        };
    }

    private static JsonObject entry(String message, long requestNumber, int slot) {
        Instant now = Instant.now();
        JsonObject entry = new JsonObject();
        entry.addProperty("level", "debug");
        entry.addProperty("ts", now.getEpochSecond() + now.getNano() / 1e9);
        entry.addProperty("msg", message);
        entry.addProperty("requestNumber", requestNumber);
        entry.addProperty("worker", slot);
        return entry;
    }

    private synchronized void write(JsonObject entry) {
        if (closed || failure != null) {
            // an answer after the end (--duration-stop ignore), or the file already failed
            return;
        }
        try {
            out.write(gson.toJson(entry));
            out.newLine();
        }
        catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            out.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the debug log", e);
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write the debug log", failure);
        }
    }
}
