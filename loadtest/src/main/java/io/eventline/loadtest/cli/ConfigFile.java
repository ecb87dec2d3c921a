package io.eventline.loadtest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static java.util.Objects.requireNonNull;

/**
 * A ghz config file ({@code --config}): JSON, TOML or YAML by its extension, as ghz reads them.
 * Its keys are the long option names ({@code "total"}, {@code "load-schedule"}, {@code "skipTLS"})
 * plus {@code "host"}; it is turned into command-line arguments to be put before the real ones, so
 * that the command line wins. A key that is no option is refused.
 */
record ConfigFile(List<String> arguments, Optional<String> host) {
    private static final String CONFIG_OPTION = "--config";
    private static final String HOST = "host";

    ConfigFile {
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(host, "host is null");
    }

    static ConfigFile read(Path file, CommandSpec command) {
        JsonNode root;
        try {
            root = mapperFor(file).readTree(file.toFile());
        }
        catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--config " + file + " must hold an object of settings");
        }
        List<String> arguments = new ArrayList<>();
        Optional<String> host = Optional.empty();
        for (Map.Entry<String, JsonNode> setting : root.properties()) {
            String key = setting.getKey();
            if (key.equals(HOST)) {
                host = Optional.of(setting.getValue().asText());
                continue;
            }
            if (command.findOption("--" + key) == null || key.equals(CONFIG_OPTION.substring(2))) {
                throw new IllegalArgumentException("--config " + file + ": unknown setting '" + key + "'");
            }
            arguments.add("--" + key + "=" + valueText(key, setting.getValue()));
        }
        return new ConfigFile(arguments, host);
    }

    /** The command line without its {@code --config FILE}, so that it is read once. */
    static List<String> withoutConfigOption(List<String> arguments) {
        List<String> rest = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals(CONFIG_OPTION)) {
                i++;
            }
            else if (!argument.startsWith(CONFIG_OPTION + "=")) {
                rest.add(argument);
            }
        }
        return rest;
    }

    private static String valueText(String key, JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (key.equals("import-paths") && value.isArray()) {
            return String.join(",", StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList());
        }
        // data, metadata, tags: their JSON, as -d and -m take it
        return value.toString();
    }

    private static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".toml")) {
            return new TomlMapper();
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return new YAMLMapper();
        }
        return new ObjectMapper();
    }
}
