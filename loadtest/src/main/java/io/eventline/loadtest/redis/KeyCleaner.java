package io.eventline.loadtest.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;

import static java.util.Objects.requireNonNull;

/** Removes the keys a benchmark's baselines wrote, by prefix (SCAN, then UNLINK in batches). */
public final class KeyCleaner {
    private final RedisCommands<String, String> admin;

    public KeyCleaner(RedisCommands<String, String> admin) {
        this.admin = requireNonNull(admin, "admin is null");
    }

    public long deleteWithPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.contains("*") || prefix.contains("?") || prefix.contains("[")) {
            throw new IllegalArgumentException("refusing to delete by the pattern '" + prefix + "'");
        }
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        do {
            KeyScanCursor<String> page = admin.scan(cursor, args);
            if (!page.getKeys().isEmpty()) {
                deleted += admin.unlink(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        }
        while (!cursor.isFinished());
        return deleted;
    }
}
