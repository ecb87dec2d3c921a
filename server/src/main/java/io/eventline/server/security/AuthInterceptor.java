package io.eventline.server.security;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks the bearer token of every Eventline call: unknown or missing is UNAUTHENTICATED; a role or
 * stream scope that does not cover the call is PERMISSION_DENIED, before the service sees the
 * request, so nothing is written. A token confined to stream prefixes may name only such streams
 * (no $all reads or subscriptions, no group management).
 */
public final class AuthInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final TokenStore tokens;

    public AuthInterceptor(TokenStore tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<Role> required = MethodRoles.required(method);
        if (required.isEmpty()) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        Optional<Principal> principal = authorization != null && authorization.startsWith(BEARER)
                ? tokens.find(authorization.substring(BEARER.length()).trim())
                : Optional.empty();
        if (principal.isEmpty()) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("send a known token as 'authorization: Bearer <token>'"));
        }
        if (!principal.get().may(required.get())) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("token '" + principal.get().name() + "' lacks the "
                    + required.get().name().toLowerCase(java.util.Locale.ROOT) + " role that " + method + " needs"));
        }
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        return principal.get().scoped() ? new ScopeCheckingListener<>(listener, call, principal.get(), required.get()) : listener;
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /** Checks the request's stream against the token's prefixes before the service gets it. */
    private static final class ScopeCheckingListener<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;
        private final Principal principal;
        private final Role required;
        private boolean refused;

        ScopeCheckingListener(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call, Principal principal, Role required) {
            super(delegate);
            this.call = call;
            this.principal = principal;
            this.required = required;
        }

        @Override
        public void onMessage(Q request) {
            Optional<String> problem = scopeProblem(request);
            if (problem.isPresent()) {
                refused = true;
                call.close(Status.PERMISSION_DENIED.withDescription("token '" + principal.name() + "' " + problem.get()), new Metadata());
                return;
            }
            super.onMessage(request);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                super.onHalfClose();
            }
        }

        private Optional<String> scopeProblem(Q request) {
            if (required == Role.ADMIN && !(request instanceof Message message && hasStream(message))) {
                return Optional.of("is confined to streams " + principal.streamPrefixes() + " and cannot manage groups");
            }
            if (!(request instanceof Message message)) {
                return Optional.empty();
            }
            Descriptors.FieldDescriptor streamField = message.getDescriptorForType().findFieldByName("stream");
            Descriptors.FieldDescriptor allField = message.getDescriptorForType().findFieldByName("all");
            if (allField != null && message.hasField(allField)) {
                return Optional.of("is confined to streams " + principal.streamPrefixes() + " and cannot subscribe to $all");
            }
            if (streamField == null || streamField.getType() != Descriptors.FieldDescriptor.Type.STRING) {
                // Ack, Nack, ListGroups, DescribeGroup: no stream named
                return Optional.empty();
            }
            String stream = (String) message.getField(streamField);
            if (stream.isEmpty() || stream.startsWith("$") || !principal.mayTouch(stream)) {
                return Optional.of("may only touch streams starting with " + principal.streamPrefixes() + ", not '" + stream + "'");
            }
            return Optional.empty();
        }

        private static boolean hasStream(Message message) {
            Descriptors.FieldDescriptor streamField = message.getDescriptorForType().findFieldByName("stream");
            return streamField != null && streamField.getType() == Descriptors.FieldDescriptor.Type.STRING;
        }
    }
}
