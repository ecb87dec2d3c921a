package io.eventline.server.security;

import io.eventline.server.config.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the server accepts, read from a file of lines {@code <name> <token> <roles> [<stream-prefixes>]},
 * e.g. {@code billing s3cr3t read,write order-,invoice-}. Only SHA-256 digests of the tokens are kept.
 */
public final class TokenStore {
    private final Map<String, Principal> byDigest;

    private TokenStore(Map<String, Principal> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    /** Parses the content of a token file; {@code source} names it in errors. */
    static TokenStore parse(byte[] content, String source) {
        return parse(new String(content, StandardCharsets.UTF_8).lines().toList(), source);
    }

    static TokenStore parse(List<String> lines, String source) {
        Map<String, Principal> byDigest = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = source + " line " + number;
            if (parts.length < 3 || parts.length > 4) {
                throw new ConfigurationException(where + ": expected '<name> <token> <roles> [<stream-prefixes>]'");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : parts[2].split(",")) {
                try {
                    roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
                }
                catch (IllegalArgumentException e) {
                    throw new ConfigurationException(where + ": unknown role '" + role + "' (read, write, admin)");
                }
            }
            List<String> prefixes = parts.length == 4 ? List.of(parts[3].split(",")) : List.of();
            if (byDigest.put(digest(parts[1]), new Principal(parts[0], roles, new ArrayList<>(prefixes))) != null) {
                throw new ConfigurationException(where + ": the same token appears twice");
            }
        }
        if (byDigest.isEmpty()) {
            throw new ConfigurationException(source + " holds no token: every call would be refused");
        }
        return new TokenStore(byDigest);
    }

    public Optional<Principal> find(String token) {
        return Optional.ofNullable(byDigest.get(digest(token)));
    }

    public int size() {
        return byDigest.size();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
