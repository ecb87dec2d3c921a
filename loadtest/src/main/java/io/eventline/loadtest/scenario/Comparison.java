package io.eventline.loadtest.scenario;

import static java.util.Objects.requireNonNull;

/** A figure beside its baseline, measured in the same run: the ratio is figure / baseline. */
public record Comparison(String figure, double value, String baseline, double baselineValue, String unit) {
    public Comparison {
        requireNonNull(figure, "figure is null");
        requireNonNull(baseline, "baseline is null");
        requireNonNull(unit, "unit is null");
    }

    public double ratio() {
        return baselineValue == 0 ? Double.NaN : value / baselineValue;
    }
}
