package io.eventline.loadtest.template;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.eventline.loadtest.grpc.EventStoreCall;

import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * Builds each request message of a call from the template, through protobuf's JSON mapping (so
 * field names, enums and base64 bytes read as in grpcurl and ghz). A template without per-request
 * placeholders is parsed once.
 */
public final class RequestFactory {
    private final EventStoreCall call;
    private final RequestTemplate template;
    private final JsonFormat.Parser parser = JsonFormat.parser();
    private final Message constant;

    public RequestFactory(EventStoreCall call, RequestTemplate template) {
        this.call = requireNonNull(call, "call is null");
        this.template = requireNonNull(template, "template is null");
        // fail on a bad template before any load is sent, with the parser's explanation
        Message first = parse(template.render(0, ThreadLocalRandom.current()));
        this.constant = template.isConstant() ? first : null;
    }

    public Message request(long requestNumber) {
        return constant != null ? constant : parse(template.render(requestNumber, ThreadLocalRandom.current()));
    }

    private Message parse(String json) {
        Message.Builder builder = call.newRequest();
        try {
            parser.merge(json, builder);
        }
        catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the request data is not a valid " + builder.getDescriptorForType().getFullName()
                    + " in JSON: " + e.getMessage() + "\n  rendered: " + abbreviate(json));
        }
        return builder.build();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
