package io.eventline.loadtest.grpc;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.loadtest.template.RequestFactory;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** The ghz mode's request: the template rendered for this request number, sent as the chosen call. */
public final class TemplateOperation implements Operation {
    private final EventStoreCall call;
    private final RequestFactory requests;
    private final ChannelPool channels;
    private final CallBounds bounds;

    public TemplateOperation(EventStoreCall call, RequestFactory requests, ChannelPool channels, CallBounds bounds) {
        this.call = requireNonNull(call, "call is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.bounds = requireNonNull(bounds, "bounds is null");
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        return call.start(channels.forSlot(slot), requests.request(requestNumber), bounds);
    }
}
