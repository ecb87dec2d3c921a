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
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it) and
 * {@code /healthz} (200 SERVING, 503 NOT_SERVING) over plain HTTP; any other path is 404. /metrics
 * may require an authorization header (it names groups); /healthz never does.
 */
public final class MetricsHttpServer implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier serving;
    private final Predicate<String> authorized;
    private HttpServer server;

    /** {@code authorized} decides on the authorization header of a /metrics request (null when absent). */
    public MetricsHttpServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier serving, Predicate<String> authorized) {
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.registry = requireNonNull(registry, "registry is null");
        this.serving = requireNonNull(serving, "serving is null");
        this.authorized = requireNonNull(authorized, "authorized is null");
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
        // a context matches every path it prefixes: each handler answers its exact path only
        server.createContext("/", exchange -> notFound(exchange));
        server.createContext("/metrics", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                notFound(exchange);
            }
            else if (!authorized.test(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                respond(exchange, 401, "text/plain; charset=utf-8", "send a known token as 'Authorization: Bearer <token>'\n");
            }
            else {
                String contentType = wantsOpenMetrics(exchange.getRequestHeaders().getFirst("Accept")) ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
                respond(exchange, 200, contentType, registry.scrape(contentType));
            }
        });
        server.createContext("/healthz", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/healthz")) {
                notFound(exchange);
                return;
            }
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

    private static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        respond(exchange, 404, "text/plain; charset=utf-8", "not found: /metrics and /healthz are served here\n");
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
