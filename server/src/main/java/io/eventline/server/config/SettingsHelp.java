package io.eventline.server.config;

import java.util.Map;

/** The text of {@code --help}: every setting the config classes read, with its environment variable and default. */
public final class SettingsHelp {
    private SettingsHelp() {
    }

    public static String text() {
        ConfigProperties properties = ConfigProperties.of(Map.of());
        EventlineConfig.from(properties);
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar eventline-server.jar [--help] [--config=FILE] [--setting=value ...]\n\n")
                .append("Settings come from flags (--grpc.port=6000), environment variables (EVENTLINE_GRPC_PORT=6000)\n")
                .append("or a properties file (--config=FILE or EVENTLINE_CONFIG), in that order of precedence.\n")
                .append("README.md (Configuration) says what each one means.\n\n")
                .append(String.format("  %-44s %-50s %s%n", "setting", "environment variable", "default"));
        properties.defaults().forEach((key, defaultValue) -> text.append(String.format("  %-44s %-50s %s%n",
                "--" + key, ConfigProperties.ENV_PREFIX + ConfigProperties.normalize(key), defaultValue.isEmpty() ? "(none)" : defaultValue)));
        return text.toString();
    }
}
