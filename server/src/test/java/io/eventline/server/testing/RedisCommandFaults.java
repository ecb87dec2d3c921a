package io.eventline.server.testing;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.lang.reflect.InvocationHandler;
import java.nio.ByteBuffer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Real Redis commands with chosen commands made to misbehave the way a dropped connection makes them
 * misbehave: sent twice (Lettuce re-sends the commands in flight when it reconnects) or failed. A
 * fault injector, not a mock: every command that is sent runs on the real Redis.
 */
public final class RedisCommandFaults {
    private RedisCommandFaults() {
    }

    /** Sends each of {@code commands} twice, as a reconnect that re-sends a command whose reply was lost; the caller sees the second reply. */
    public static RedisClusterAsyncCommands<byte[], byte[]> resending(RedisClusterAsyncCommands<byte[], byte[]> real, Set<String> commands) {
        requireNonNull(commands, "commands is null");
        return wrap(real, (proxy, method, args) -> {
            if (commands.contains(commandName(method, args))) {
                invoke(real, method, args);
            }
            return invoke(real, method, args);
        });
    }

    /** Fails the first call of {@code command} whose first key matches {@code whichKey} with {@code error}, without sending it. */
    public static RedisClusterAsyncCommands<byte[], byte[]> failingOnce(RedisClusterAsyncCommands<byte[], byte[]> real, String command,
            Predicate<byte[]> whichKey, RuntimeException error) {
        requireNonNull(error, "error is null");
        AtomicBoolean failed = new AtomicBoolean();
        return wrap(real, (proxy, method, args) -> {
            if (commandName(method, args).equals(command) && whichKey.test(firstKey(method, args)) && failed.compareAndSet(false, true)) {
                return new FailedCommand<>(error);
            }
            return invoke(real, method, args);
        });
    }

    /**
     * Counts the calls of {@code command} in {@code sent} and sends each to Redis only once {@code release}
     * completes: a command in flight for as long as a test needs, without waiting on a clock.
     */
    public static RedisClusterAsyncCommands<byte[], byte[]> held(RedisClusterAsyncCommands<byte[], byte[]> real, String command,
            CompletableFuture<Void> release, AtomicInteger sent) {
        requireNonNull(release, "release is null");
        requireNonNull(sent, "sent is null");
        return wrap(real, (proxy, method, args) -> {
            if (!commandName(method, args).equals(command)) {
                return invoke(real, method, args);
            }
            sent.incrementAndGet();
            HeldCommand<Object> held = new HeldCommand<>();
            release.thenCompose(released -> {
                try {
                    return ((RedisFuture<?>) invoke(real, method, args)).toCompletableFuture();
                }
                catch (Throwable e) {
                    return CompletableFuture.failedFuture(e);
                }
            }).whenComplete((reply, error) -> {
                if (error == null) {
                    held.complete(reply);
                }
                else {
                    // as Redis failed it (NOSCRIPT, say), not wrapped by the relay
                    held.completeExceptionally(error instanceof CompletionException relayed && relayed.getCause() != null ? relayed.getCause() : error);
                }
            });
            return held;
        });
    }

    /** The Redis command a call sends: the method's name, or for {@code dispatch} the command it names, lower case. */
    private static String commandName(Method method, Object[] args) {
        if (method.getName().equals("dispatch") && args != null && args[0] instanceof ProtocolKeyword keyword) {
            return keyword.toString().toLowerCase(Locale.ROOT);
        }
        return method.getName();
    }

    private static byte[] firstKey(Method method, Object[] args) {
        if (method.getName().equals("dispatch")) {
            ByteBuffer key = ((CommandArgs<?, ?>) args[2]).getFirstEncodedKey();
            byte[] bytes = new byte[key.remaining()];
            key.duplicate().get(bytes);
            return bytes;
        }
        return (byte[]) args[0];
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<byte[], byte[]> wrap(RedisClusterAsyncCommands<byte[], byte[]> real, InvocationHandler handler) {
        requireNonNull(real, "real is null");
        return (RedisClusterAsyncCommands<byte[], byte[]>) Proxy.newProxyInstance(RedisCommandFaults.class.getClassLoader(),
                new Class<?>[] {RedisClusterAsyncCommands.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A command that failed before it reached Redis. */
    private static final class FailedCommand<T> extends CompletableFuture<T> implements RedisFuture<T> {
        private final RuntimeException error;

        FailedCommand(RuntimeException error) {
            this.error = error;
            completeExceptionally(error);
        }

        @Override
        public String getError() {
            return error.getMessage();
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** A command sent to Redis later, on the test's word. */
    private static final class HeldCommand<T> extends CompletableFuture<T> implements RedisFuture<T> {
        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                get(timeout, unit);
                return true;
            }
            catch (ExecutionException e) {
                return true;
            }
            catch (TimeoutException e) {
                return false;
            }
        }
    }
}
