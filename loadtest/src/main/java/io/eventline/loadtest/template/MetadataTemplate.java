package io.eventline.loadtest.template;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.grpc.Metadata;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * ghz's {@code -m} and {@code -M}: request headers as a JSON object of strings, a template rendered
 * for each request like the data (so {@code {"request-id":"{{.RequestNumber}}"}} works). A
 * template without per-request actions is read once.
 */
public final class MetadataTemplate {
    private final RequestTemplate template;
    private final Metadata constant;

    /** @param sample call data to render once, so that a bad template fails before any load is sent */
    public MetadataTemplate(RequestTemplate template, CallData sample) {
        this.template = requireNonNull(template, "template is null");
        Metadata first = parse(template.render(requireNonNull(sample, "sample is null"), ThreadLocalRandom.current()));
        this.constant = template.isConstant() ? first : null;
    }

    public Metadata headers(CallData call) {
        return constant != null ? constant : parse(template.render(call, ThreadLocalRandom.current()));
    }

    private static Metadata parse(String json) {
        JsonObject object;
        try {
            object = JsonParser.parseString(json).getAsJsonObject();
        }
        catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("the metadata is not a JSON object of strings: " + json);
        }
        Metadata headers = new Metadata();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (!entry.getValue().isJsonPrimitive()) {
                throw new IllegalArgumentException("metadata '" + entry.getKey() + "' must be a string, is " + entry.getValue());
            }
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                throw new IllegalArgumentException("binary metadata ('" + name + "') is not supported");
            }
            headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), entry.getValue().getAsString());
        }
        return headers;
    }
}
