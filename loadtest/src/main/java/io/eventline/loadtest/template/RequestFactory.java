package io.eventline.loadtest.template;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Builds each request message of a call from a JSON template, through protobuf's JSON mapping (so
 * field names, enums and base64 bytes read as in grpcurl and ghz). As in ghz, the template is
 * rendered first and then read: a JSON array holds several messages, sent in turn by request number.
 * A template without per-request actions is read once.
 */
public final class RequestFactory implements RequestSource {
    private final Supplier<Message.Builder> newRequest;
    private final RequestTemplate template;
    private final JsonFormat.Parser parser = JsonFormat.parser();
    private final List<Message> constant;

    /** @param sample call data to render once, so that a bad template fails before any load is sent */
    public RequestFactory(Supplier<Message.Builder> newRequest, RequestTemplate template, CallData sample) {
        this.newRequest = requireNonNull(newRequest, "newRequest is null");
        this.template = requireNonNull(template, "template is null");
        List<Message> first = parseAll(template.render(requireNonNull(sample, "sample is null"), ThreadLocalRandom.current()));
        this.constant = template.isConstant() ? first : null;
    }

    @Override
    public Message request(CallData call) {
        List<Message> messages = constant != null ? constant : parseAll(template.render(call, ThreadLocalRandom.current()));
        return messages.get((int) Math.floorMod(call.requestNumber(), (long) messages.size()));
    }

    private List<Message> parseAll(String json) {
        if (!json.stripLeading().startsWith("[")) {
            return List.of(parse(json));
        }
        JsonArray array;
        try {
            array = JsonParser.parseString(json).getAsJsonArray();
        }
        catch (JsonParseException | IllegalStateException e) {
            throw invalid(json, e.getMessage());
        }
        if (array.isEmpty()) {
            throw new IllegalArgumentException("the request data is an empty array: give at least one message");
        }
        return array.asList().stream().map(JsonElement::toString).map(this::parse).toList();
    }

    private Message parse(String json) {
        Message.Builder builder = newRequest.get();
        try {
            parser.merge(json, builder);
        }
        catch (InvalidProtocolBufferException e) {
            throw invalid(json, builder.getDescriptorForType().getFullName() + ": " + e.getMessage());
        }
        return builder.build();
    }

    private static IllegalArgumentException invalid(String json, String why) {
        return new IllegalArgumentException("the request data is not valid JSON for the call: " + why
                + "\n  rendered: " + (json.length() <= 300 ? json : json.substring(0, 300) + "..."));
    }
}
