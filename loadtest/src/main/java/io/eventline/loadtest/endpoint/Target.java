package io.eventline.loadtest.endpoint;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** A {@code host:port} to send load to: any host the user names, as ghz takes it. */
public record Target(String host, int port) {
    public static final String DEFAULT = "127.0.0.1:50051";

    private static final Pattern HOST = Pattern.compile("[0-9A-Za-z._:%-]+");
    /** gRPC's DNS resolver scheme, as ghz takes it (e.g. with {@code --lb-strategy round_robin}); the channel resolves names by DNS anyway. */
    private static final String DNS_SCHEME = "dns:///";

    public Target {
        requireNonNull(host, "host is null");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, is " + port);
        }
    }

    /** Reads {@code host:port}, {@code [::1]:port}, {@code dns:///host:port}, or a bare {@code :port} on 127.0.0.1. */
    public static Target parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        if (trimmed.startsWith(DNS_SCHEME)) {
            trimmed = trimmed.substring(DNS_SCHEME.length());
        }
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("target must be HOST:PORT, e.g. " + DEFAULT + ", is '" + text + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(host.isEmpty() ? "127.0.0.1" : host, parsePort(trimmed.substring(colon + 1), text));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static int parsePort(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("target must be HOST:PORT with a numeric port, is '" + text + "'");
        }
    }
}
