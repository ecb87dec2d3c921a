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
 * Refuses a request that could not be parsed ({@link MalformedRequests}), and a call to a one-request
 * method with no request or several, with INVALID_ARGUMENT and a short reason, before authorization or
 * a service sees it; nothing is logged, the client is told.
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
        /** Unary and server-streaming methods take exactly one request; grpc-java answers others INTERNAL. */
        private final boolean oneRequest;
        private int requests;
        private boolean refused;

        Guard(ServerCall.Listener<Q> delegate, CloseOnceCall<Q, R> call) {
            super(delegate);
            this.call = call;
            this.oneRequest = call.getMethodDescriptor().getType().clientSendsOneMessage();
        }

        @Override
        public void onMessage(Q request) {
            if (refused) {
                return;
            }
            requests++;
            Optional<String> problem = MalformedRequests.problem(request);
            if (problem.isEmpty() && oneRequest && requests > 1) {
                problem = Optional.of("the method takes one request message; the call sent more");
            }
            if (problem.isPresent()) {
                refuse(problem.get());
                return;
            }
            super.onMessage(request);
        }

        @Override
        public void onHalfClose() {
            if (!refused && oneRequest && requests == 0) {
                refuse("the call sent no request message");
            }
            if (!refused) {
                super.onHalfClose();
            }
        }

        private void refuse(String problem) {
            refused = true;
            call.close(Status.INVALID_ARGUMENT.withDescription(problem), new Metadata());
        }
    }
}
