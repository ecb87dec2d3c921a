package io.eventline.server.grpc;

import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.read.ReadPage;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static java.util.Objects.requireNonNull;

/**
 * One ReadStream call: fetches a page only while the client can take more (isReady), the next one
 * while the current one is sent, so a slow reader holds at most two pages in the server (pages are
 * bounded in count and bytes by the reader); cancellation stops it. An Error while reading or sending (e.g. out of memory) ends the
 * call with a status (INTERNAL, logged by the status mapper) rather than leaving it hanging.
 */
final class ReadStreamCall {

    /** Keeps each response well under the 4 MiB a default gRPC client accepts. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final ReadCursor cursor;
    private final ServerCallStreamObserver<ReadStreamResponse> observer;
    private final ProtoMapper mapper;
    private final StatusMapper statusMapper;
    private final EventlineMetrics metrics;
    private boolean fetching;
    private boolean finished;

    ReadStreamCall(ReadCursor cursor, ServerCallStreamObserver<ReadStreamResponse> observer, ProtoMapper mapper, StatusMapper statusMapper,
            EventlineMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.statusMapper = requireNonNull(statusMapper, "statusMapper is null");
    }

    void start() {
        observer.setOnCancelHandler(this::cancelled);
        observer.setOnReadyHandler(this::pump);
        pump();
    }

    private synchronized void cancelled() {
        finished = true;
    }

    private synchronized void pump() {
        // onReady can fire while a fetch is under way, or after the end: both are no-ops
        if (fetching || finished || !observer.isReady()) {
            return;
        }
        fetching = true;
        cursor.next().whenComplete(this::onPageOrFail);
    }

    private void onPageOrFail(ReadPage page, Throwable error) {
        try {
            onPage(page, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }
        catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Ends the call; the status mapper logs what it did not expect, with its stack. */
    private void fail(Throwable error) {
        synchronized (this) {
            if (!finished) {
                finished = true;
                observer.onError(statusMapper.toStatus(error));
            }
        }
    }

    private void onPage(ReadPage page, Throwable error) {
        if (error instanceof Error) {
            fail(error);
            return;
        }
        CompletableFuture<ReadPage> next = null;
        synchronized (this) {
            fetching = false;
            if (finished) {
                return;
            }
            if (error != null) {
                finished = true;
                observer.onError(statusMapper.toStatus(error));
                return;
            }
            if (!page.last() && observer.isReady()) {
                // the next page is read from Redis while this one is encoded and sent: at most this
                // page in the transport and the next in hand
                fetching = true;
                next = cursor.next();
            }
            send(page);
            if (page.last()) {
                finished = true;
                observer.onCompleted();
                return;
            }
        }
        if (next != null) {
            // registered after this page went out: a page already read completes here, after it
            next.whenComplete(this::onPageOrFail);
        }
        else {
            pump();
        }
    }

    private void send(ReadPage page) {
        metrics.eventsRead(page.events().size());
        ReadStreamResponse.Builder response = ReadStreamResponse.newBuilder();
        int bytes = 0;
        for (RecordedEvent event : page.events()) {
            io.eventline.proto.v1.RecordedEvent proto = mapper.toProto(event);
            int size = proto.getSerializedSize();
            if (bytes > 0 && bytes + size > MAX_RESPONSE_BYTES) {
                observer.onNext(response.build());
                response = ReadStreamResponse.newBuilder();
                bytes = 0;
            }
            response.addEvents(proto);
            bytes += size;
        }
        if (response.getEventsCount() > 0) {
            observer.onNext(response.build());
        }
    }
}
