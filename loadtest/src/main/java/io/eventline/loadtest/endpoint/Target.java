package io.eventline.loadtest.endpoint;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A {@code host:port} on this machine. Only loopback addresses are accepted: IP literals in
 * 127.0.0.0/8 or {@code ::1}, and the name {@code localhost}. Other names are refused without a DNS
 * lookup, so a name that resolves elsewhere can never receive load.
 */
public record Target(String host, int port) {
    public static final String DEFAULT = "127.0.0.1:50051";

    /** An IP literal: digits and dots, or hex digits and colons; anything else is a name. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public Target {
        requireNonNull(host, "host is null");
        requireLoopback(host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, is " + port);
        }
    }

    /** Reads {@code host:port}, {@code [::1]:port}, or a bare {@code :port} on 127.0.0.1. */
    public static Target parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
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

    /** Returns the Redis URI unchanged when its host is this machine; refuses any other. */
    public static String requireLoopbackUri(String uri) {
        requireNonNull(uri, "uri is null");
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + uri + "' is not a Redis URI like redis://127.0.0.1:6379", e);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("'" + uri + "' is not a redis:// or rediss:// URI");
        }
        String host = parsed.getHost();
        if (host == null) {
            throw new IllegalArgumentException("'" + uri + "' names no host; give one, e.g. redis://127.0.0.1:6379");
        }
        requireLoopback(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
        return uri;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static void requireLoopback(String host) {
        if (!isLoopback(host)) {
            throw new NonLoopbackTargetException(host);
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            // a literal: getByName parses it without any lookup
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
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
