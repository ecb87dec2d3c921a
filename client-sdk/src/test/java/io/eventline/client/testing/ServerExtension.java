package io.eventline.client.testing;

import io.eventline.client.EventlineClient;
import io.eventline.server.testing.RedisExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link TestServer} on the shared test Redis and an {@link EventlineClient} to it: one
 * of each per test class, closed when the class's tests are done.
 */
public final class ServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestServer.class || type == EventlineClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = classContext(context).getStore(NAMESPACE);
        TestServer server = store.getOrComputeIfAbsent(TestServer.class, type -> TestServer.start(RedisExtension.shared(context)), TestServer.class);
        if (parameter.getParameter().getType() == TestServer.class) {
            return server;
        }
        // stored after the server, so closed before it (the store closes AutoCloseable values in reverse order)
        return store.getOrComputeIfAbsent(EventlineClient.class, type -> server.newClient(), EventlineClient.class);
    }

    /** The context of the test class, whether the parameter is a constructor's, a lifecycle method's or a test's. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
