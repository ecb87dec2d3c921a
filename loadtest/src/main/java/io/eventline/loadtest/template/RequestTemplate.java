package io.eventline.loadtest.template;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A ghz-style template: text with actions in {@code {{ }}}. The actions are ghz's call data
 * ({@code {{.RequestNumber}}}, {@code {{.WorkerID}}}, {@code {{.UUID}}}, {@code {{.Timestamp}}} ...)
 * and functions ({@code {{newUUID}}}, {@code {{randomString N}}}, {@code {{randomInt MIN MAX}}}), and
 * Eventline's own {@code {{randomStream "prefix" N}}}, {@code {{uuid}}} and {@code {{payload N}}}.
 * Go's full template language and the sprig functions are not supported. It is parsed once; each
 * request renders it with its own call data.
 */
public final class RequestTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?(.*?)-?}}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("\\.(\\w+)");
    private static final Pattern RANDOM_STREAM = Pattern.compile("randomStream\\s+\"([^\"]*)\"\\s+(\\d+)");
    private static final Pattern PAYLOAD = Pattern.compile("payload\\s+(\\d+)");
    private static final Pattern RANDOM_STRING = Pattern.compile("randomString\\s+(-?\\d+)");
    private static final Pattern RANDOM_INT = Pattern.compile("randomInt\\s+(-?\\d+)\\s+(-?\\d+)");

    private final List<TemplateSegment> segments;
    private final int sizeHint;

    private RequestTemplate(List<TemplateSegment> segments, int sizeHint) {
        this.segments = List.copyOf(segments);
        this.sizeHint = sizeHint;
    }

    public static RequestTemplate parse(String text) {
        requireNonNull(text, "text is null");
        List<TemplateSegment> segments = new ArrayList<>();
        Matcher matcher = ACTION.matcher(text);
        int literalStart = 0;
        int sizeHint = 0;
        while (matcher.find()) {
            if (matcher.start() > literalStart) {
                segments.add(new TemplateSegment.Literal(text.substring(literalStart, matcher.start())));
            }
            TemplateSegment action = action(matcher.group(1).trim());
            if (action instanceof TemplateSegment.Payload payload) {
                sizeHint += payload.base64().length();
            }
            segments.add(action);
            literalStart = matcher.end();
        }
        if (literalStart < text.length()) {
            segments.add(new TemplateSegment.Literal(text.substring(literalStart)));
        }
        return new RequestTemplate(segments, text.length() + sizeHint + 64);
    }

    /** True when every request renders the same text, so the request can be built once. */
    public boolean isConstant() {
        return segments.stream().noneMatch(TemplateSegment::variesPerRequest);
    }

    public String render(CallData call, RandomGenerator random) {
        StringBuilder out = new StringBuilder(sizeHint);
        for (TemplateSegment segment : segments) {
            segment.render(out, call, random);
        }
        return out.toString();
    }

    private static TemplateSegment action(String expression) {
        Matcher field = FIELD.matcher(expression);
        if (field.matches()) {
            return CallDataFields.named(field.group(1)).orElseThrow(() -> unknown(expression));
        }
        if (expression.equals("newUUID") || expression.equals("uuid")) {
            return new TemplateSegment.RandomUuid();
        }
        Matcher randomString = RANDOM_STRING.matcher(expression);
        if (randomString.matches()) {
            return new TemplateSegment.RandomString(parseInt(randomString.group(1), expression));
        }
        Matcher randomInt = RANDOM_INT.matcher(expression);
        if (randomInt.matches()) {
            return new TemplateSegment.RandomInt(parseLong(randomInt.group(1), expression), parseLong(randomInt.group(2), expression));
        }
        Matcher randomStream = RANDOM_STREAM.matcher(expression);
        if (randomStream.matches()) {
            return new TemplateSegment.RandomStream(randomStream.group(1), parseInt(randomStream.group(2), expression));
        }
        Matcher payload = PAYLOAD.matcher(expression);
        if (payload.matches()) {
            return TemplateSegment.Payload.ofSize(parseInt(payload.group(1), expression));
        }
        throw unknown(expression);
    }

    private static IllegalArgumentException unknown(String expression) {
        return new IllegalArgumentException("unknown template action {{" + expression + "}}; known: " + CallDataFields.names()
                + ", newUUID, randomString N, randomInt MIN MAX, randomStream \"prefix\" N, uuid, payload N");
    }

    private static int parseInt(String digits, String expression) {
        long value = parseLong(digits, expression);
        if (value != (int) value) {
            throw new IllegalArgumentException("{{" + expression + "}}: " + digits + " is too large");
        }
        return (int) value;
    }

    private static long parseLong(String digits, String expression) {
        try {
            return Long.parseLong(digits);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("{{" + expression + "}}: " + digits + " is too large");
        }
    }
}
