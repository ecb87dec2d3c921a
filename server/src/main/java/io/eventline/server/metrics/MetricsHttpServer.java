package io.eventline.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventline.server.lifecycle.StartupException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/** Serves {@code /metrics} (Prometheus text) and {@code /healthz} (200 SERVING, 503 NOT_SERVING) over plain HTTP. */
public final class MetricsHttpServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier serving;
    private HttpServer server;

    public MetricsHttpServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier serving) {
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.registry = requireNonNull(registry, "registry is null");
        this.serving = requireNonNull(serving, "serving is null");
    }

    /** Binds the port and serves; a busy port is a start-up failure that says which setting to change. */
    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        }
        catch (IOException e) {
            throw new StartupException("cannot listen for /metrics on " + host + ":" + port + " (" + e.getMessage()
                    + "): set metrics.port to a free port, or metrics.port=-1 to turn the listener off", e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", exchange -> {
            boolean up = serving.getAsBoolean();
            respond(exchange, up ? 200 : 503, "text/plain; charset=utf-8", up ? "SERVING\n" : "NOT_SERVING\n");
        });
        server.start();
    }

    public String host() {
        return host;
    }

    /** The port it listens on, once started. */
    public synchronized int port() {
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
