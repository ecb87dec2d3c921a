package io.eventline.client.dispatch;

import io.eventline.client.RecordedEvent;
import io.eventline.client.projection.Projection;
import io.eventline.client.serialization.EventCodec;
import io.eventline.client.serialization.UndecodableEventException;
import io.eventline.client.subscribe.CatchUpEventHandler;
import io.eventline.client.subscribe.GroupDelivery;
import io.eventline.client.subscribe.GroupEventHandler;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An event processor: decodes each event with the codec and calls the handler registered for its
 * class. Events of types the codec does not know, or classes without a handler, are skipped (and,
 * in a consumer group, acked). An event of a known type that cannot be decoded throws
 * {@link UndecodableEventException}: the subscription or projection running the dispatcher then
 * follows its {@link io.eventline.client.subscribe.UndecodableEventPolicy} (stop, skip or park).
 * It plugs in as a group handler, a catch-up handler or a projection.
 *
 * <pre>{@code
 * EventDispatcher dispatcher = EventDispatcher.builder(codec)
 *         .on(OrderPlaced.class, (placed, recorded) -> ...)
 *         .on(OrderPaid.class, (paid, recorded) -> ...)
 *         .build();
 * client.subscribe(groupSettings, dispatcher);
 * }</pre>
 */
public final class EventDispatcher implements GroupEventHandler, CatchUpEventHandler, Projection {
    private final EventCodec codec;
    private final Map<Class<?>, TypedEventHandler<Object>> handlers;

    private EventDispatcher(EventCodec codec, Map<Class<?>, TypedEventHandler<Object>> handlers) {
        this.codec = requireNonNull(codec, "codec is null");
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder(EventCodec codec) {
        return new Builder(codec);
    }

    @Override
    public void handle(GroupDelivery delivery) throws Exception {
        dispatch(delivery.event());
    }

    @Override
    public void handle(RecordedEvent event) throws Exception {
        dispatch(event);
    }

    @Override
    public void apply(RecordedEvent event) throws Exception {
        dispatch(event);
    }

    private void dispatch(RecordedEvent recorded) throws Exception {
        if (!codec.knows(recorded.type())) {
            return;
        }
        Object event;
        try {
            event = codec.decode(recorded);
        }
        catch (UndecodableEventException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // a codec of the application's own that fails otherwise: the same failure, with the event's details
            throw new UndecodableEventException(recorded, e.toString(), e);
        }
        TypedEventHandler<Object> handler = handlers.get(event.getClass());
        if (handler != null) {
            handler.handle(event, recorded);
        }
    }

    public static final class Builder {
        private final EventCodec codec;
        private final Map<Class<?>, TypedEventHandler<Object>> handlers = new HashMap<>();

        private Builder(EventCodec codec) {
            this.codec = requireNonNull(codec, "codec is null");
        }

        /** Registers the handler of {@code eventClass}; one per class. */
        public <E> Builder on(Class<E> eventClass, TypedEventHandler<? super E> handler) {
            requireNonNull(handler, "handler is null");
            TypedEventHandler<Object> typed = (event, recorded) -> handler.handle(eventClass.cast(event), recorded);
            if (handlers.putIfAbsent(requireNonNull(eventClass, "eventClass is null"), typed) != null) {
                throw new IllegalArgumentException(eventClass.getName() + " has a handler already");
            }
            return this;
        }

        public EventDispatcher build() {
            return new EventDispatcher(codec, handlers);
        }
    }
}
