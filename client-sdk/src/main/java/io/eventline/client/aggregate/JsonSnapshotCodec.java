package io.eventline.client.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.client.serialization.SerializationException;

import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Snapshots as JSON: {@code capture} takes the aggregate's state as a plain object {@code S}
 * (a record, say), {@code restore} makes an aggregate from it.
 */
public final class JsonSnapshotCodec<A extends Aggregate, S> implements SnapshotCodec<A> {
    private final ObjectMapper mapper;
    private final Class<S> stateClass;
    private final Function<A, S> capture;
    private final BiFunction<String, S, A> restore;

    public JsonSnapshotCodec(ObjectMapper mapper, Class<S> stateClass, Function<A, S> capture, BiFunction<String, S, A> restore) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.stateClass = requireNonNull(stateClass, "stateClass is null");
        this.capture = requireNonNull(capture, "capture is null");
        this.restore = requireNonNull(restore, "restore is null");
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] encode(A aggregate) {
        try {
            return mapper.writeValueAsBytes(capture.apply(aggregate));
        }
        catch (IOException e) {
            throw new SerializationException("cannot write a snapshot of " + aggregate.id(), e);
        }
    }

    @Override
    public A decode(String id, byte[] data) {
        try {
            return restore.apply(id, mapper.readValue(data, stateClass));
        }
        catch (IOException e) {
            throw new SerializationException("cannot read the snapshot of " + id + " as " + stateClass.getName(), e);
        }
    }
}
