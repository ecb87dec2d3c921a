package io.eventline.loadtest.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.loadtest.template.MethodNames;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * An RPC of an Eventline service, found by name among the generated service descriptors, so every
 * method the services declare can be called without code of its own.
 */
public record RpcMethod(MethodDescriptor<Message, Message> grpc, Descriptors.MethodDescriptor proto) {
    private static final List<ServiceDescriptor> SERVICES = List.of(
            EventStoreServiceGrpc.getServiceDescriptor(),
            StreamServiceGrpc.getServiceDescriptor(),
            ConsumerGroupServiceGrpc.getServiceDescriptor());

    public RpcMethod {
        requireNonNull(grpc, "grpc is null");
        requireNonNull(proto, "proto is null");
    }

    /** Accepts {@code package.Service/Method} and {@code package.Service.Method}, as ghz does. */
    public static RpcMethod forName(String name) {
        String normalized = name.trim();
        int lastDot = normalized.lastIndexOf('.');
        if (!normalized.contains("/") && lastDot > 0) {
            normalized = normalized.substring(0, lastDot) + "/" + normalized.substring(lastDot + 1);
        }
        String wanted = normalized;
        return all().stream()
                .filter(method -> method.fullMethodName().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown --call '" + name + "'; the methods are "
                        + all().stream().map(RpcMethod::fullMethodName).collect(Collectors.joining(", "))));
    }

    /** Every method of every Eventline service, client-streaming ones included (the caller refuses those). */
    @SuppressWarnings("unchecked")
    public static List<RpcMethod> all() {
        return SERVICES.stream()
                .flatMap(service -> service.getMethods().stream())
                .map(method -> new RpcMethod((MethodDescriptor<Message, Message>) method,
                        ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor()))
                .toList();
    }

    public String fullMethodName() {
        return grpc.getFullMethodName();
    }

    public boolean isServerStreaming() {
        return proto.isServerStreaming();
    }

    public boolean isClientStreaming() {
        return proto.isClientStreaming();
    }

    /** The names a template sees, as ghz's call data gives them. */
    public MethodNames names() {
        return new MethodNames(proto.getFullName(), proto.getName(), proto.getService().getName(),
                proto.getInputType().getName(), proto.getOutputType().getName(), isClientStreaming(), isServerStreaming());
    }

    /** A builder of the method's own request type, for the JSON to be merged into. */
    public Message.Builder newRequest() {
        MethodDescriptor.Marshaller<Message> marshaller = grpc.getRequestMarshaller();
        return Optional.of(marshaller)
                .filter(MethodDescriptor.PrototypeMarshaller.class::isInstance)
                .map(prototyped -> ((MethodDescriptor.PrototypeMarshaller<?>) prototyped).getMessagePrototype())
                .map(prototype -> ((Message) prototype).newBuilderForType())
                .orElseThrow(() -> new IllegalStateException(fullMethodName() + " has no message prototype"));
    }
}
