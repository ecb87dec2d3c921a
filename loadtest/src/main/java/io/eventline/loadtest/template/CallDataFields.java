package io.eventline.loadtest.template;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The fields of ghz's call data a template can name, as {@code {{.Name}}}. */
final class CallDataFields {
    private static final Map<String, TemplateSegment.Field> FIELDS = Map.ofEntries(
            perRequest("RequestNumber", CallData::requestNumber),
            perRequest("WorkerID", CallData::workerId),
            perRequest("UUID", CallData::uuid),
            perRequest("Timestamp", CallData::rfc3339),
            perRequest("TimestampUnix", call -> call.timestamp().getEpochSecond()),
            perRequest("TimestampUnixMilli", call -> call.timestamp().toEpochMilli()),
            perRequest("TimestampUnixNano", CallData::unixNanos),
            perRun("FullyQualifiedName", call -> call.method().fullyQualifiedName()),
            perRun("MethodName", call -> call.method().methodName()),
            perRun("ServiceName", call -> call.method().serviceName()),
            perRun("InputName", call -> call.method().inputName()),
            perRun("OutputName", call -> call.method().outputName()),
            perRun("IsClientStreaming", call -> call.method().clientStreaming()),
            perRun("IsServerStreaming", call -> call.method().serverStreaming()));

    private CallDataFields() {
    }

    static Optional<TemplateSegment.Field> named(String name) {
        return Optional.ofNullable(FIELDS.get(name));
    }

    static String names() {
        return String.join(", ", FIELDS.keySet().stream().sorted().map(name -> "." + name).toList());
    }

    private static Map.Entry<String, TemplateSegment.Field> perRequest(String name, Function<CallData, Object> value) {
        return Map.entry(name, new TemplateSegment.Field(name, value, true));
    }

    private static Map.Entry<String, TemplateSegment.Field> perRun(String name, Function<CallData, Object> value) {
        return Map.entry(name, new TemplateSegment.Field(name, value, false));
    }
}
