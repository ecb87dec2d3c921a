package io.eventline.server.grpc;

import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.server.store.append.EventAppender;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.read.ReadCursor;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** eventline.v1.EventStoreService: translates the data-plane RPCs to the store's append and read paths. */
public final class EventStoreGrpcService extends EventStoreServiceGrpc.EventStoreServiceImplBase {
    private final EventAppender appender;
    private final EventReader reader;
    private final ProtoMapper mapper;
    private final StatusMapper statusMapper;
    private final UnaryResponder responder;

    @Inject
    public EventStoreGrpcService(EventAppender appender, EventReader reader, ProtoMapper mapper, StatusMapper statusMapper, UnaryResponder responder) {
        this.appender = requireNonNull(appender, "appender is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.statusMapper = requireNonNull(statusMapper, "statusMapper is null");
        this.responder = requireNonNull(responder, "responder is null");
    }

    @Override
    public void appendEvents(AppendEventsRequest request, StreamObserver<AppendEventsResponse> observer) {
        responder.respond(observer, () -> appender.append(mapper.toAppendRequest(request)), mapper::toAppendResponse);
    }

    @Override
    public void readStream(ReadStreamRequest request, StreamObserver<ReadStreamResponse> observer) {
        ReadCursor cursor;
        try {
            cursor = reader.open(mapper.toReadRequest(request));
        }
        catch (RuntimeException e) {
            observer.onError(statusMapper.toStatus(e));
            return;
        }
        new ReadStreamCall(cursor, (ServerCallStreamObserver<ReadStreamResponse>) observer, mapper, statusMapper).start();
    }
}
