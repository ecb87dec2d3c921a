package io.eventline.loadtest.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramMathTest {
    /** 1..100: values below 2048 are exact in a 3-digit HdrHistogram, so the math can be checked to the unit. */
    private static Histogram oneToHundred() {
        Histogram histogram = new Histogram(3);
        for (long value = 1; value <= 100; value++) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    @Test
    void splitsTheRangeIntoTenEqualBuckets() {
        List<HistogramBucket> buckets = HistogramBuckets.of(oneToHundred(), 10);
        assertEquals(10, buckets.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(10, buckets.get(i).count(), "bucket " + i);
            assertEquals(0.1, buckets.get(i).frequency(), 1e-9);
            assertEquals(1 + 9.9 * (i + 1), buckets.get(i).markNanos(), 1e-9);
        }
    }

    @Test
    void putsSkewedDataWhereItBelongs() {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(10, 90);
        histogram.recordValueWithCount(110, 10);
        List<HistogramBucket> buckets = HistogramBuckets.of(histogram, 10);
        assertEquals(90, buckets.get(0).count());
        assertEquals(10, buckets.get(9).count());
        assertEquals(100, buckets.stream().mapToLong(HistogramBucket::count).sum());
        assertEquals(110.0, buckets.get(9).markNanos(), 1e-9);
    }

    @Test
    void oneValueFillsTheFirstBucket() {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(500, 7);
        List<HistogramBucket> buckets = HistogramBuckets.of(histogram, 10);
        assertEquals(7, buckets.get(0).count());
        assertTrue(buckets.subList(1, 10).stream().allMatch(bucket -> bucket.count() == 0));
    }

    @Test
    void emptyHistogramsHaveNoBucketsAndNoPercentiles() {
        assertTrue(HistogramBuckets.of(new Histogram(3), 10).isEmpty());
        assertTrue(LatencyDistribution.of(new Histogram(3)).isEmpty());
    }

    @Test
    void percentilesOfKnownData() {
        List<LatencyPercentile> distribution = LatencyDistribution.of(oneToHundred());
        assertEquals(List.of(10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9),
                distribution.stream().map(LatencyPercentile::percentage).toList());
        assertEquals(List.of(10L, 25L, 50L, 75L, 90L, 95L, 99L, 100L),
                distribution.stream().map(LatencyPercentile::latencyNanos).toList());
    }

    @Test
    void formatsDurationsLikeGhz() {
        assertEquals("1.23 ms", Durations.millis(1_234_000));
        assertEquals("0.500", Durations.millisPrecise(500_000));
        assertEquals("999.00 ms", Durations.elapsed(999_000_000L));
        assertEquals("2.50 s", Durations.elapsed(2_500_000_000L));
        assertEquals("99.9", Durations.percentage(99.9));
        assertEquals("50", Durations.percentage(50));
    }
}
