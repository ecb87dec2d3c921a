package io.eventline.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/** Serves {@code /metrics} (Prometheus text) and {@code /healthz} (200 SERVING, 503 NOT_SERVING) over plain HTTP. */
public final class MetricsHttpServer implements AutoCloseable {
    private final HttpServer server;

    public MetricsHttpServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier serving) {
        requireNonNull(registry, "registry is null");
        requireNonNull(serving, "serving is null");
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot listen for /metrics on " + host + ":" + port, e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", exchange -> {
            boolean up = serving.getAsBoolean();
            respond(exchange, up ? 200 : 503, "text/plain; charset=utf-8", up ? "SERVING\n" : "NOT_SERVING\n");
        });
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
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
