package io.eventline.loadtest.grpc;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.loadtest.template.CallData;
import io.eventline.loadtest.template.MetadataTemplate;
import io.eventline.loadtest.template.MethodNames;
import io.eventline.loadtest.template.RequestSource;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** The ghz mode's request: the call data of this request, rendered into the request and its metadata, sent as the chosen call. */
public final class TemplateOperation implements Operation {
    private final RpcCall call;
    private final MethodNames names;
    private final RequestSource requests;
    private final MetadataTemplate metadata;
    private final ChannelPool channels;

    public TemplateOperation(RpcCall call, MethodNames names, RequestSource requests, MetadataTemplate metadata, ChannelPool channels) {
        this.call = requireNonNull(call, "call is null");
        this.names = requireNonNull(names, "names is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.channels = requireNonNull(channels, "channels is null");
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        CallData data = new CallData(requestNumber, channels.workerId(slot), Instant.now(), UUID.randomUUID(), names);
        return call.start(channels.forSlot(slot), requests.request(data), metadata.headers(data));
    }

    @Override
    public void abandonInFlight() {
        channels.shutdownNow();
    }
}
