package io.eventline.loadtest.template;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A ghz-style request template: JSON text with placeholders {@code {{.RequestNumber}}},
 * {@code {{randomStream "prefix" N}}}, {@code {{uuid}}} and {@code {{payload N}}}. It is parsed
 * once; each request renders it with its own number.
 */
public final class RequestTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern RANDOM_STREAM = Pattern.compile("randomStream\\s+\"([^\"]*)\"\\s+(\\d+)");
    private static final Pattern PAYLOAD = Pattern.compile("payload\\s+(\\d+)");

    private final List<TemplateSegment> segments;
    private final int sizeHint;

    private RequestTemplate(List<TemplateSegment> segments, int sizeHint) {
        this.segments = List.copyOf(segments);
        this.sizeHint = sizeHint;
    }

    public static RequestTemplate parse(String text) {
        requireNonNull(text, "text is null");
        List<TemplateSegment> segments = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int literalStart = 0;
        int sizeHint = 0;
        while (matcher.find()) {
            if (matcher.start() > literalStart) {
                segments.add(new TemplateSegment.Literal(text.substring(literalStart, matcher.start())));
            }
            TemplateSegment placeholder = placeholder(matcher.group(1).trim());
            if (placeholder instanceof TemplateSegment.Payload payload) {
                sizeHint += payload.base64().length();
            }
            segments.add(placeholder);
            literalStart = matcher.end();
        }
        if (literalStart < text.length()) {
            segments.add(new TemplateSegment.Literal(text.substring(literalStart)));
        }
        return new RequestTemplate(segments, text.length() + sizeHint + 64);
    }

    /** True when every request renders the same text, so the request can be built once. */
    public boolean isConstant() {
        return segments.stream().allMatch(segment -> segment instanceof TemplateSegment.Literal || segment instanceof TemplateSegment.Payload);
    }

    public String render(long requestNumber, RandomGenerator random) {
        StringBuilder out = new StringBuilder(sizeHint);
        for (TemplateSegment segment : segments) {
            segment.render(out, requestNumber, random);
        }
        return out.toString();
    }

    private static TemplateSegment placeholder(String expression) {
        if (expression.equals(".RequestNumber")) {
            return new TemplateSegment.RequestNumber();
        }
        if (expression.equals("uuid") || expression.equals("newUUID")) {
            return new TemplateSegment.RandomUuid();
        }
        Matcher randomStream = RANDOM_STREAM.matcher(expression);
        if (randomStream.matches()) {
            return new TemplateSegment.RandomStream(randomStream.group(1), parseCount(randomStream.group(2), expression));
        }
        Matcher payload = PAYLOAD.matcher(expression);
        if (payload.matches()) {
            return TemplateSegment.Payload.ofSize(parseCount(payload.group(1), expression));
        }
        throw new IllegalArgumentException("unknown template placeholder {{" + expression + "}}; known: {{.RequestNumber}}, "
                + "{{randomStream \"prefix\" N}}, {{uuid}}, {{payload N}}");
    }

    private static int parseCount(String digits, String expression) {
        try {
            return Integer.parseInt(digits);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("{{" + expression + "}}: " + digits + " is too large");
        }
    }
}
