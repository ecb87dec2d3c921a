package io.eventline.loadtest.template;

import static java.util.Objects.requireNonNull;

/** What a template may say about the method called, named as ghz's call data names it. */
public record MethodNames(
        String fullyQualifiedName,
        String methodName,
        String serviceName,
        String inputName,
        String outputName,
        boolean clientStreaming,
        boolean serverStreaming) {
    public MethodNames {
        requireNonNull(fullyQualifiedName, "fullyQualifiedName is null");
        requireNonNull(methodName, "methodName is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(inputName, "inputName is null");
        requireNonNull(outputName, "outputName is null");
    }
}
