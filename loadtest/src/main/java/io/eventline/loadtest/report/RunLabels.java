package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** A run's name and options as label text, for the Prometheus output: ghz labels its series with its options. */
final class RunLabels {
    private RunLabels() {
    }

    /** {@code name} and {@code end_reason} first, then every option given a value, with {@code -} in names turned into {@code _}. */
    static Map<String, String> of(RunResult result, Map<String, Object> options) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("name", result.name());
        labels.put("end_reason", result.endReason().ghzName());
        options.forEach((name, value) -> {
            if (value != null) {
                labels.put(name.replace('-', '_'), String.valueOf(value));
            }
        });
        return labels;
    }
}
