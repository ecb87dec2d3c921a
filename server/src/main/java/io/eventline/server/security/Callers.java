package io.eventline.server.security;

import io.eventline.server.store.Caller;
import io.eventline.server.store.PermissionDeniedException;
import io.eventline.server.store.StreamScope;
import io.grpc.Context;

/**
 * The store's view of who makes the current call: the principal the auth interceptor attached to
 * the call's context, or, on a server without tokens, a trusted caller.
 */
public final class Callers {
    static final Context.Key<Principal> PRINCIPAL = Context.key("eventline-principal");

    private final boolean authenticationOn;

    public Callers(boolean authenticationOn) {
        this.authenticationOn = authenticationOn;
    }

    public Caller current() {
        Principal principal = PRINCIPAL.get();
        if (principal == null) {
            if (authenticationOn) {
                // fail closed: a call that reached a service without a checked token is refused
                throw new PermissionDeniedException("no token was checked for this call");
            }
            return Caller.trusted();
        }
        return new Caller(new StreamScope(principal.streamPrefixes()), principal.may(Role.ADMIN));
    }
}
