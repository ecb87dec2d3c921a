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
    private final String runName;

    /** @param runName the test's {@code --name}, empty for none: ghz puts it before the worker ids */
    public TemplateOperation(RpcCall call, MethodNames names, RequestSource requests, MetadataTemplate metadata, ChannelPool channels,
            String runName) {
        this.call = requireNonNull(call, "call is null");
        this.names = requireNonNull(names, "names is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.runName = requireNonNull(runName, "runName is null");
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        String workerId = runName.isEmpty() ? channels.workerId(slot) : runName + ":" + channels.workerId(slot);
        CallData data = new CallData(requestNumber, workerId, Instant.now(), UUID.randomUUID(), names);
        return call.start(channels.forSlot(slot), requests.request(data), metadata.headers(data));
    }

    @Override
    public void abandonInFlight() {
        channels.shutdownNow();
    }
}
