package io.eventline.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's settings, from (lowest precedence first) an optional properties file, environment
 * variables {@code EVENTLINE_*} and command-line flags {@code --key=value}. A key like
 * {@code redis.data-dir} is {@code EVENTLINE_REDIS_DATA_DIR} in the environment. Each config class
 * reads its keys; {@link #requireAllRecognized()} then fails on any key nobody read.
 */
public final class ConfigProperties {
    static final String ENV_PREFIX = "EVENTLINE_";
    /** Read by the test harness, never by the server. */
    static final String TEST_ENV_PREFIX = "EVENTLINE_TEST_";
    static final String CONFIG_FILE_KEY = "config";

    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final Set<String> recognized = new HashSet<>();
    /** Every key read so far, as written in the code, with its default as text (for --help). */
    private final Map<String, String> defaults = new LinkedHashMap<>();

    private ConfigProperties(Map<String, String> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    public static ConfigProperties of(Map<String, String> properties) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        properties.forEach((key, value) -> put(values, origins, key, value, "property " + key));
        return new ConfigProperties(values, origins);
    }

    /** Merges file, environment and flags; {@code --config=path} or {@code EVENTLINE_CONFIG} names the file. */
    public static ConfigProperties load(List<String> args, Map<String, String> environment) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new ConfigurationException("argument '" + arg + "' is not of the form --key=value");
            }
            int equals = arg.indexOf('=');
            flags.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.startsWith(TEST_ENV_PREFIX)) {
                env.put(name, value);
            }
        });

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        String file = flags.getOrDefault(CONFIG_FILE_KEY, env.get(normalize(CONFIG_FILE_KEY)));
        if (file != null && !file.isBlank()) {
            readFile(Path.of(file)).forEach((key, value) -> put(values, origins, key, value, "file " + file + " key " + key));
        }
        env.forEach((name, value) -> {
            if (!name.equals(normalize(CONFIG_FILE_KEY))) {
                put(values, origins, name.substring(ENV_PREFIX.length()), value, "environment variable " + name);
            }
        });
        flags.forEach((key, value) -> {
            if (!key.equals(CONFIG_FILE_KEY)) {
                put(values, origins, key, value, "flag --" + key);
            }
        });
        return new ConfigProperties(values, origins);
    }

    public String getString(String key, String defaultValue) {
        String text = read(key, defaultValue);
        return text == null ? defaultValue : text;
    }

    /** The value set for {@code key}, or null; records the key as known, with its default as shown to users. */
    private String read(String key, String shownDefault) {
        recognized.add(normalize(key));
        defaults.putIfAbsent(key, shownDefault == null ? "" : shownDefault);
        return values.get(normalize(key));
    }

    /** The keys read so far, as written in the code, with their defaults as text, in the order read. */
    public Map<String, String> defaults() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String text = read(key, Boolean.toString(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw fail(key, "'" + text + "' is neither true nor false");
        };
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        String text = read(key, Integer.toString(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw fail(key, "must be between " + min + " and " + max + ", is " + value);
            }
            return value;
        }
        catch (NumberFormatException e) {
            throw fail(key, "'" + text + "' is not a whole number");
        }
    }

    /** Durations as {@link DurationText} reads them: {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 7d}, {@code 0}. */
    public Duration getDuration(String key, Duration defaultValue) {
        String text = read(key, format(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        try {
            return DurationText.parse(text);
        }
        catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    /** A duration as the settings write it: {@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        long[] units = {86_400_000, 3_600_000, 60_000, 1000};
        String[] suffixes = {"d", "h", "m", "s"};
        for (int index = 0; index < units.length; index++) {
            if (millis % units[index] == 0) {
                return millis / units[index] + suffixes[index];
            }
        }
        return millis + "ms";
    }

    /** Fails on any setting no config class read: a typo must not be silently ignored. */
    public void requireAllRecognized() {
        Set<String> unknown = new TreeSet<>();
        values.keySet().stream().filter(key -> !recognized.contains(key)).forEach(key -> unknown.add(origins.get(key)));
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("unknown configuration: " + String.join(", ", unknown)
                    + " (see the configuration table in README.md)");
        }
    }

    ConfigurationException fail(String key, String problem) {
        return new ConfigurationException(origins.getOrDefault(normalize(key), key) + ": " + problem);
    }

    private static void put(Map<String, String> values, Map<String, String> origins, String key, String value, String origin) {
        values.put(normalize(key), value);
        origins.put(normalize(key), origin);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** {@code redis.data-dir}, {@code REDIS_DATA_DIR} and {@code EVENTLINE_REDIS_DATA_DIR} name the same setting. */
    static String normalize(String key) {
        String upper = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return upper.startsWith(ENV_PREFIX) ? upper.substring(ENV_PREFIX.length()) : upper;
    }
}
