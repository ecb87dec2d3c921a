package io.eventline.loadtest.operation;

import java.util.concurrent.ThreadLocalRandom;

/** Which stream a request writes to or reads. */
@FunctionalInterface
public interface StreamPicker {
    String pick(long requestNumber);

    /** A random stream of {@code prefix0 .. prefix(keyspace-1)}. */
    static StreamPicker random(String prefix, int keyspace) {
        if (keyspace < 1) {
            throw new IllegalArgumentException("keyspace must be at least 1");
        }
        return requestNumber -> prefix + ThreadLocalRandom.current().nextInt(keyspace);
    }

    /** Streams in turn, so each of {@code count} streams gets every count-th request. */
    static StreamPicker roundRobin(String prefix, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        return requestNumber -> prefix + Math.floorMod(requestNumber, count);
    }

    static StreamPicker fixed(String stream) {
        return requestNumber -> stream;
    }
}
