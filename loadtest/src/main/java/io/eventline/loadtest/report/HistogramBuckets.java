package io.eventline.loadtest.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the range from the fastest to the slowest latency into equal-width buckets, as ghz's
 * histogram does; each bucket is labelled with its upper bound and the first also holds the fastest.
 */
public final class HistogramBuckets {
    public static final int DEFAULT_BUCKETS = 10;

    private HistogramBuckets() {
    }

    public static List<HistogramBucket> of(Histogram histogram, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1");
        }
        long total = histogram.getTotalCount();
        if (total == 0) {
            return List.of();
        }
        double fastest = histogram.getMinValue();
        double slowest = histogram.getMaxValue();
        double width = (slowest - fastest) / buckets;
        long[] counts = new long[buckets];
        for (HistogramIterationValue value : histogram.recordedValues()) {
            long recorded = value.getValueIteratedTo();
            int index = width == 0 ? 0 : (int) Math.ceil((recorded - fastest) / width) - 1;
            counts[Math.min(buckets - 1, Math.max(0, index))] += value.getCountAtValueIteratedTo();
        }
        List<HistogramBucket> result = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            result.add(new HistogramBucket(fastest + width * (i + 1), counts[i], (double) counts[i] / total));
        }
        return List.copyOf(result);
    }
}
