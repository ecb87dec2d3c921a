package io.eventline.loadtest.redis;

import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.ProposedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.append.AppendScriptArguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The KEYS and ARGV of the append script for the benchmark's events, laid out by the server's own
 * {@link AppendScriptArguments}, with keys from the server's StoreKeys in a namespace of the benchmark's.
 */
public final class ScriptAppendArguments {
    private final StoreKeys keys;
    private final AppendScriptArguments layout;
    private final String type;
    private final byte[] data;
    private final String contentType;

    public ScriptAppendArguments(StoreKeys keys, String type, byte[] data, String contentType, int dedupWindow) {
        this.keys = requireNonNull(keys, "keys is null");
        this.layout = new AppendScriptArguments(new EventEntryCodec(), dedupWindow);
        this.type = requireNonNull(type, "type is null");
        this.data = requireNonNull(data, "data is null").clone();
        this.contentType = requireNonNull(contentType, "contentType is null");
    }

    public byte[][] keysFor(String stream) {
        return layout.callKeys(List.<byte[][]>of(layout.keys(keys.locate(StreamName.parse(stream, "stream")))));
    }

    /** Arguments for {@code events} events with expected version {@code any}: a call carrying one append, as a lone append is sent. */
    public byte[][] argumentsFor(String stream, int events) {
        List<ProposedEvent> proposed = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            // the server makes a random id when the client sends none, so this costs the same
            proposed.add(new ProposedEvent(UUID.randomUUID(), type, data, contentType, Map.of()));
        }
        return layout.callArguments(List.<byte[][]>of(layout.arguments(StreamName.parse(stream, "stream"), new ExpectedVersion.Any(), proposed)));
    }
}
