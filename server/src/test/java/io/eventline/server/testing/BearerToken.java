package io.eventline.server.testing;

import io.grpc.CallCredentials;
import io.grpc.Metadata;

import java.util.concurrent.Executor;

/** Sends {@code authorization: <scheme> <token>} with every call. */
public final class BearerToken extends CallCredentials {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String header;

    private BearerToken(String header) {
        this.header = header;
    }

    public static BearerToken of(String token) {
        return new BearerToken("Bearer " + token);
    }

    /** The same with the scheme spelled otherwise (RFC 7235: case-insensitive). */
    public static BearerToken withScheme(String scheme, String token) {
        return new BearerToken(scheme + " " + token);
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, header);
        applier.apply(headers);
    }
}
