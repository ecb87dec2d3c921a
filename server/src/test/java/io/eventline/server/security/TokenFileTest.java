package io.eventline.server.security;

import io.eventline.server.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFileTest {
    @Test
    void aChangedFileReplacesTheTokensAndABrokenOneKeepsThem(@TempDir Path directory) throws Exception {
        Path path = directory.resolve("tokens");
        Files.writeString(path, "first first-token read\n");
        try (TokenFile file = new TokenFile(path, Duration.ofHours(1))) {
            assertTrue(file.tokens().find("first-token").isPresent());

            Files.writeString(path, "second second-token write\n");
            file.reloadIfChanged();
            assertTrue(file.tokens().find("first-token").isEmpty());
            assertEquals("second", file.tokens().find("second-token").orElseThrow().name());

            Files.writeString(path, "not a token line at all\n");
            file.reloadIfChanged();
            assertEquals("second", file.tokens().find("second-token").orElseThrow().name());

            Files.delete(path);
            file.reloadIfChanged();
            assertEquals("second", file.tokens().find("second-token").orElseThrow().name());
        }
    }

    @Test
    void aBadFileStopsTheStart(@TempDir Path directory) throws Exception {
        Path path = directory.resolve("tokens");
        Files.writeString(path, "name token superuser\n");
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> new TokenFile(path, Duration.ofHours(1)));
        assertTrue(refused.getMessage().contains("unknown role 'superuser'"), refused.getMessage());
    }
}
