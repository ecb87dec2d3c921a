package io.eventline.loadtest.report;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/** The percentiles ghz prints, plus 99.9. */
public final class LatencyDistribution {
    public static final List<Double> PERCENTAGES = List.of(10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9);

    private LatencyDistribution() {
    }

    public static List<LatencyPercentile> of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return List.of();
        }
        List<LatencyPercentile> result = new ArrayList<>(PERCENTAGES.size());
        for (double percentage : PERCENTAGES) {
            result.add(new LatencyPercentile(percentage, histogram.getValueAtPercentile(percentage)));
        }
        return List.copyOf(result);
    }
}
