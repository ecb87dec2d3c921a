package io.eventline.server.security;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.eventline.server.concurrent.RateLimitedLog;
import io.eventline.server.store.ClientText;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Checks the bearer token of every call against the method table: a method outside the table is
 * refused; an unknown or missing token is UNAUTHENTICATED; a role or stream scope that does not
 * cover the call is PERMISSION_DENIED, before the service sees the request, so nothing is written.
 * The caller's principal travels in the call's context, so the store can check what the request
 * reaches only through Redis (a consumer group's target). Denied calls and admin calls are logged
 * with the token's name, never the token.
 */
public final class AuthInterceptor implements ServerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Supplier<TokenStore> tokens;
    private final MethodPolicies policies;
    /** A client retrying a refused call must not flood the log: one line a minute per method and token. */
    private final RateLimitedLog refusals = new RateLimitedLog(log, Duration.ofMinutes(1));

    public AuthInterceptor(Supplier<TokenStore> tokens) {
        this(tokens, MethodPolicies.eventline());
    }

    AuthInterceptor(Supplier<TokenStore> tokens, MethodPolicies policies) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<MethodPolicy> policy = policies.of(method);
        if (policy.isEmpty()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(method + " is not open to any token"), "unknown method " + method);
        }
        if (policy.get().role().isEmpty()) {
            return next.startCall(call, headers);
        }
        Role required = policy.get().role().get();
        Optional<Principal> principal = BearerHeader.token(headers.get(AUTHORIZATION)).flatMap(token -> tokens.get().find(token));
        if (principal.isEmpty()) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("send a known token as 'authorization: Bearer <token>'"),
                    method + " without a known token");
        }
        if (!principal.get().may(required)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("token '" + principal.get().name() + "' lacks the "
                    + required.name().toLowerCase(Locale.ROOT) + " role that " + method + " needs"), method + " by token '" + principal.get().name() + "'");
        }
        if (required == Role.ADMIN) {
            log.info("Admin call {} by token '{}'", method, principal.get().name());
        }
        Context context = Context.current().withValue(Callers.PRINCIPAL, principal.get());
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, call, headers, next);
        return principal.get().scoped() ? new ScopeCheckingListener<>(listener, call, principal.get(), policy.get(), refusals) : listener;
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, String what) {
        refusals.warn(what, "Refused " + what + ": " + status.getDescription());
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /** Checks the stream and group the request names against the token's prefixes before the service gets it. */
    private static final class ScopeCheckingListener<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;
        private final Principal principal;
        private final MethodPolicy policy;
        private final RateLimitedLog refusals;
        private boolean refused;

        ScopeCheckingListener(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call, Principal principal, MethodPolicy policy,
                RateLimitedLog refusals) {
            super(delegate);
            this.call = call;
            this.principal = principal;
            this.policy = policy;
            this.refusals = refusals;
        }

        @Override
        public void onMessage(Q request) {
            Optional<String> problem = request instanceof Message message ? scopeProblem(message) : Optional.of("sent a request of an unknown kind");
            if (problem.isPresent()) {
                refused = true;
                Status status = Status.PERMISSION_DENIED.withDescription("token '" + principal.name() + "' " + problem.get());
                String what = call.getMethodDescriptor().getFullMethodName() + " by token '" + principal.name() + "'";
                refusals.warn(what, "Refused " + what + ": " + status.getDescription());
                call.close(status, new Metadata());
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

        private Optional<String> scopeProblem(Message message) {
            if (policy.streamField().isPresent() && !namesAll(message)) {
                String stream = stringField(message, policy.streamField().get());
                if (stream.isEmpty() || stream.startsWith("$") || !principal.mayTouch(stream)) {
                    return Optional.of("may only name streams starting with " + principal.streamPrefixes() + ", not " + ClientText.quote(stream));
                }
            }
            if (policy.groupField().isPresent()) {
                String group = stringField(message, policy.groupField().get());
                if (!group.isEmpty() && !principal.mayTouch(group)) {
                    return Optional.of("may only name consumer groups starting with " + principal.streamPrefixes() + ", not " + ClientText.quote(group));
                }
            }
            return Optional.empty();
        }

        /** Subscribe and CreateGroup may name $all instead of a stream; the store narrows it to the token's prefixes. */
        private static boolean namesAll(Message message) {
            Descriptors.FieldDescriptor all = message.getDescriptorForType().findFieldByName("all");
            return all != null && message.hasField(all);
        }

        private static String stringField(Message message, String name) {
            return (String) message.getField(message.getDescriptorForType().findFieldByName(name));
        }
    }
}
