package io.eventline.client.internal;

import io.eventline.client.RecordedEvent;
import io.eventline.client.RetryPolicy;
import io.eventline.client.read.ReadOptions;
import io.eventline.proto.v1.ReadStreamRequest;
import io.grpc.Channel;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static java.util.Objects.requireNonNull;

/**
 * Reads a stream or {@code $all} as a lazy {@link Stream}: pages are fetched as the stream is
 * consumed. Close the stream (try-with-resources) when stopping early; that cancels the call.
 */
final class EventReader {
    /** The name that reads every stream in global order. */
    public static final String ALL = "$all";

    private final Channel channel;
    private final CallOptionsFactory callOptions;
    private final RetryPolicy retryPolicy;

    EventReader(Channel channel, CallOptionsFactory callOptions, RetryPolicy retryPolicy) {
        this.channel = requireNonNull(channel, "channel is null");
        this.callOptions = requireNonNull(callOptions, "callOptions is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
    }

    /**
     * The events of {@code stream} (or {@code $all}). A stream without events throws
     * {@link io.eventline.client.NotFoundException} when the result is first consumed.
     */
    public Stream<RecordedEvent> read(String stream, ReadOptions options) {
        ReadStreamRequest request = options.toProto(stream);
        ReadIterator iterator = new ReadIterator(request, next -> ReadCall.open(channel, callOptions.streaming(), next), retryPolicy);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(iterator::close);
    }
}
