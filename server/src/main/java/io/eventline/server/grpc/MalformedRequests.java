package io.eventline.server.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Requests that cannot be parsed (invalid UTF-8 in a string field, a truncated or garbage body).
 * grpc-java answers a marshaller that throws with UNKNOWN and logs a stack trace; instead each
 * request marshaller is wrapped so that a parse failure yields a request marked as malformed, which
 * {@link MalformedRequestInterceptor} refuses with INVALID_ARGUMENT before any service sees it.
 */
final class MalformedRequests {
    /** The largest field number protobuf allows; the mark of a request that could not be parsed. */
    private static final int MARK = 536_870_911;
    private static final int MAX_DESCRIPTION_CHARS = 200;

    private MalformedRequests() {
    }

    /** {@code service} with every protobuf request marshaller made lenient; other methods stay as they are. */
    static ServerServiceDefinition lenient(ServerServiceDefinition service) {
        List<ServerMethodDefinition<?, ?>> methods = service.getMethods().stream().<ServerMethodDefinition<?, ?>>map(MalformedRequests::lenient).toList();
        // the service descriptor must hold the very method descriptors the definition binds
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
                .setSchemaDescriptor(service.getServiceDescriptor().getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    /** What is wrong with {@code request}, when it is a request that could not be parsed. */
    static Optional<String> problem(Object request) {
        if (request instanceof Message message && message.getUnknownFields().hasField(MARK)) {
            return message.getUnknownFields().getField(MARK).getLengthDelimitedList().stream()
                    .findFirst()
                    .map(ByteString::toStringUtf8)
                    .map(MalformedRequests::cut)
                    .or(() -> Optional.of("the request is malformed"));
        }
        return Optional.empty();
    }

    /** A client may send the mark's field number itself, with any text: what is echoed stays short. */
    private static String cut(String text) {
        return text.length() <= MAX_DESCRIPTION_CHARS ? text : text.substring(0, MAX_DESCRIPTION_CHARS) + "…";
    }

    private static <Q, R> ServerMethodDefinition<Q, R> lenient(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        if (!(descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<Q> marshaller)
                || !(marshaller.getMessagePrototype() instanceof Message)) {
            return method;
        }
        MethodDescriptor<Q, R> lenient = descriptor.toBuilder(new LenientMarshaller<>(marshaller), descriptor.getResponseMarshaller()).build();
        return ServerMethodDefinition.create(lenient, method.getServerCallHandler());
    }

    /** Parses like the marshaller it wraps; a failure becomes an empty request carrying the mark and a short reason. */
    private static final class LenientMarshaller<T> implements MethodDescriptor.PrototypeMarshaller<T> {
        private final MethodDescriptor.PrototypeMarshaller<T> delegate;

        LenientMarshaller(MethodDescriptor.PrototypeMarshaller<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public InputStream stream(T value) {
            return delegate.stream(value);
        }

        @Override
        public T parse(InputStream stream) {
            try {
                return delegate.parse(stream);
            }
            catch (RuntimeException e) {
                return malformed(reason(e));
            }
        }

        @Override
        public T getMessagePrototype() {
            return delegate.getMessagePrototype();
        }

        @Override
        public Class<T> getMessageClass() {
            return delegate.getMessageClass();
        }

        @SuppressWarnings("unchecked")
        private T malformed(String reason) {
            Message prototype = (Message) delegate.getMessagePrototype();
            UnknownFieldSet mark = UnknownFieldSet.newBuilder()
                    .addField(MARK, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(reason, StandardCharsets.UTF_8)).build())
                    .build();
            return (T) prototype.toBuilder().setUnknownFields(mark).build();
        }

        private String reason(RuntimeException error) {
            Throwable cause = error;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "the request is not a valid " + getMessagePrototype().getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }
}
