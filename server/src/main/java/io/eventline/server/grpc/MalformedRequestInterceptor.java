package io.eventline.server.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Optional;

/**
 * Refuses a request that could not be parsed ({@link MalformedRequests}) with INVALID_ARGUMENT and
 * a short reason, before authorization or a service sees it; nothing is logged, the client is told.
 * It must run first, so it is added to the server after every other interceptor.
 */
final class MalformedRequestInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        CloseOnceCall<Q, R> closeOnce = new CloseOnceCall<>(call);
        return new Guard<>(next.startCall(closeOnce, headers), closeOnce);
    }

    /** Knows whether the call was closed, so that a refusal after an interceptor's own refusal does not close it twice. */
    private static final class CloseOnceCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private boolean closed;

        CloseOnceCall(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }

    private static final class Guard<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final CloseOnceCall<Q, R> call;
        private boolean refused;

        Guard(ServerCall.Listener<Q> delegate, CloseOnceCall<Q, R> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q request) {
            if (refused) {
                return;
            }
            Optional<String> problem = MalformedRequests.problem(request);
            if (problem.isPresent()) {
                refused = true;
                call.close(Status.INVALID_ARGUMENT.withDescription(problem.get()), new Metadata());
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
    }
}
