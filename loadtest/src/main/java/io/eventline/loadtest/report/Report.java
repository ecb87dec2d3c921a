package io.eventline.loadtest.report;

import io.eventline.loadtest.run.RunResult;

import java.util.Map;

/** Renders a run's result; {@code options} are the settings it ran with, in the order to show them. */
public interface Report {
    String render(RunResult result, Map<String, Object> options);
}
