package io.eventline.server.grpc;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.AckResponse;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.NackRequest;
import io.eventline.proto.v1.NackResponse;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.ReadStreamResponse;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.security.Callers;
import io.eventline.server.store.Caller;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.append.EventAppender;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.subscribe.DeliverySettler;
import io.eventline.server.store.subscribe.SubscriptionManager;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** eventline.v1.EventStoreService: translates the data-plane RPCs to the store's append and read paths. */
public final class EventStoreGrpcService extends EventStoreServiceGrpc.EventStoreServiceImplBase {
    private final EventAppender appender;
    private final EventReader reader;
    private final SubscriptionManager subscriptions;
    private final DeliverySettler settler;
    private final ProtoMapper mapper;
    private final DeliveryBatching deliveryBatching;
    private final StatusMapper statusMapper;
    private final UnaryResponder responder;
    private final EventlineMetrics metrics;
    private final Callers callers;

    @Inject
    public EventStoreGrpcService(EventAppender appender, EventReader reader, SubscriptionManager subscriptions, DeliverySettler settler,
            ProtoMapper mapper, DeliveryBatching deliveryBatching, StatusMapper statusMapper, UnaryResponder responder, EventlineMetrics metrics,
            Callers callers) {
        this.appender = requireNonNull(appender, "appender is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.settler = requireNonNull(settler, "settler is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.deliveryBatching = requireNonNull(deliveryBatching, "deliveryBatching is null");
        this.statusMapper = requireNonNull(statusMapper, "statusMapper is null");
        this.responder = requireNonNull(responder, "responder is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.callers = requireNonNull(callers, "callers is null");
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
        metrics.read(request.getStream().equals(io.eventline.server.store.read.ReadRequest.ALL));
        new ReadStreamCall(cursor, (ServerCallStreamObserver<ReadStreamResponse>) observer, mapper, statusMapper, metrics).start();
    }

    @Override
    public void subscribe(SubscribeRequest request, StreamObserver<SubscribeResponse> observer) {
        io.eventline.server.store.subscribe.SubscribeRequest subscribeRequest;
        DeliveryResponses deliveryResponses;
        Caller caller;
        try {
            subscribeRequest = mapper.toSubscribeRequest(request);
            deliveryResponses = deliveryBatching.forRequest(request.getMaxBatchSize());
            caller = callers.current();
        }
        catch (RuntimeException e) {
            observer.onError(statusMapper.toStatus(e));
            return;
        }
        new SubscribeCall((ServerCallStreamObserver<SubscribeResponse>) observer, mapper, deliveryResponses, statusMapper, metrics)
                .start(subscriptions, subscribeRequest, caller);
    }

    @Override
    public void ack(AckRequest request, StreamObserver<AckResponse> observer) {
        responder.respond(observer, () -> settler.ack(request.getGroup(), request.getAckIdsList(), callers.current()), done -> {
            metrics.acked(request.getAckIdsCount());
            return AckResponse.getDefaultInstance();
        });
    }

    @Override
    public void nack(NackRequest request, StreamObserver<NackResponse> observer) {
        responder.respond(observer, () -> settler.nack(request.getGroup(), request.getAckIdsList(), toAction(request),
                mapper.toDuration(request.getRetryDelay(), "retry_delay"), request.getReason(), callers.current()),
                done -> {
                    metrics.nacked(toAction(request).name().toLowerCase(java.util.Locale.ROOT), request.getAckIdsCount());
                    return NackResponse.getDefaultInstance();
                });
    }

    private static DeliverySettler.NackAction toAction(NackRequest request) {
        return switch (request.getAction()) {
            case NACK_ACTION_RETRY -> DeliverySettler.NackAction.RETRY;
            case NACK_ACTION_PARK -> DeliverySettler.NackAction.PARK;
            case NACK_ACTION_SKIP -> DeliverySettler.NackAction.SKIP;
            case NACK_ACTION_UNSPECIFIED, UNRECOGNIZED -> throw new InvalidArgumentException("action", "choose NACK_ACTION_RETRY, NACK_ACTION_PARK or NACK_ACTION_SKIP");
        };
    }
}
