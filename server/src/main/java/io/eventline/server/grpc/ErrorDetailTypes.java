package io.eventline.server.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.StatusProto;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;

/**
 * A service without methods whose only job is to make server reflection serve the google.rpc
 * detail types (ErrorInfo, BadRequest, ...): reflection offers the files of registered services
 * and their imports, and no Eventline .proto imports error_details.proto (its errors travel in the
 * grpc-status-details-bin trailer). With it, a client that looks up an Any's type through
 * reflection, as grpcurl does, can decode the details (DiscoveryTest asks for google.rpc.ErrorInfo);
 * buf curl does not look them up and prints them base64-encoded either way.
 */
final class ErrorDetailTypes {
    static final String SERVICE_NAME = "eventline.v1.ErrorDetailTypes";
    private static final Descriptors.FileDescriptor FILE = file();

    private ErrorDetailTypes() {
    }

    static ServerServiceDefinition definition() {
        Descriptors.ServiceDescriptor service = FILE.getServices().get(0);
        return ServerServiceDefinition.builder(ServiceDescriptor.newBuilder(SERVICE_NAME).setSchemaDescriptor(new ProtoServiceDescriptorSupplier() {
            @Override
            public Descriptors.FileDescriptor getFileDescriptor() {
                return FILE;
            }

            @Override
            public Descriptors.ServiceDescriptor getServiceDescriptor() {
                return service;
            }
        }).build()).build();
    }

    private static Descriptors.FileDescriptor file() {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("eventline/v1/error_detail_types.proto")
                .setPackage("eventline.v1")
                .setSyntax("proto3")
                .addDependency(ErrorDetailsProto.getDescriptor().getName())
                .addDependency(StatusProto.getDescriptor().getName())
                .addService(ServiceDescriptorProto.newBuilder().setName("ErrorDetailTypes"))
                .build();
        try {
            return Descriptors.FileDescriptor.buildFrom(proto,
                    new Descriptors.FileDescriptor[] {ErrorDetailsProto.getDescriptor(), StatusProto.getDescriptor()});
        }
        catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("the error detail types file does not build", e);
        }
    }
}
