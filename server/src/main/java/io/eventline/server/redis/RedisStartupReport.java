package io.eventline.server.redis;

import io.lettuce.core.api.sync.RedisServerCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what Redis the store runs on and how durable it is, and warns loudly when an acknowledged
 * append could be lost on a Redis restart.
 */
public final class RedisStartupReport {
    private static final Logger log = LoggerFactory.getLogger(RedisStartupReport.class);

    public void report(RedisServerCommands<String, String> redis, String description) {
        String info = redis.info("server");
        String version = field(info, "redis_version");
        String mode = field(info, "redis_mode");
        if (!atLeast(version, 6, 2)) {
            throw new IllegalStateException("Redis " + version + " is too old: Eventline needs Redis 6.2 or newer");
        }
        String appendOnly;
        String appendFsync;
        try {
            // one parameter per CONFIG GET: Redis 6.2 takes no more
            appendOnly = redis.configGet("appendonly").getOrDefault("appendonly", "unknown");
            appendFsync = redis.configGet("appendfsync").getOrDefault("appendfsync", "unknown");
        }
        catch (RuntimeException e) {
            // managed Redis services often forbid CONFIG
            appendOnly = "unknown";
            appendFsync = "unknown";
        }
        log.info("Redis {} ({} mode) at {}: appendonly={}, appendfsync={}", version, mode, description, appendOnly, appendFsync);
        if (!appendOnly.equals("yes")) {
            log.warn("REDIS PERSISTENCE IS OFF (appendonly={}): acknowledged events WILL BE LOST if Redis restarts. "
                    + "Turn on AOF (appendonly yes, appendfsync always or everysec).", appendOnly);
        }
        else if (appendFsync.equals("no")) {
            log.warn("Redis appendfsync=no: acknowledged events from the last seconds can be lost if the machine fails. "
                    + "Use appendfsync always (no loss) or everysec (at most ~1 s).");
        }
        else if (appendFsync.equals("everysec")) {
            log.info("Redis appendfsync=everysec: a crash of the machine (not of Redis alone) can lose up to ~1 s of acknowledged events; "
                    + "set appendfsync always to lose none");
        }
    }

    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || (actualMajor == major && actualMinor >= minor);
        }
        catch (NumberFormatException e) {
            return true;
        }
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "unknown";
    }
}
