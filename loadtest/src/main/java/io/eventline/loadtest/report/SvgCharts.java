package io.eventline.loadtest.report;

import io.eventline.loadtest.run.TimelinePoint;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** Inline SVG charts for the HTML report: no script, no external resource. */
final class SvgCharts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final int TOP = 20;
    private static final int RIGHT = 20;

    private SvgCharts() {
    }

    static String histogram(List<HistogramBucket> buckets) {
        StringBuilder svg = open("Response time histogram");
        if (buckets.isEmpty()) {
            return svg.append(text(WIDTH / 2, HEIGHT / 2, "middle", "no requests")).append("</svg>\n").toString();
        }
        long largest = buckets.stream().mapToLong(HistogramBucket::count).max().orElse(1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            HistogramBucket bucket = buckets.get(i);
            double height = largest == 0 ? 0 : plotHeight * bucket.count() / largest;
            double x = LEFT + i * slot;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7fb5\"><title>&#8804; %s ms: %d</title></rect>%n",
                    x + 2, TOP + plotHeight - height, slot - 4, height, Durations.millisPrecise(bucket.markNanos()), bucket.count()));
            svg.append(text(x + slot / 2, TOP + plotHeight - height - 4, "middle", Long.toString(bucket.count())));
            svg.append(text(x + slot / 2, HEIGHT - BOTTOM + 16, "middle", Durations.millisPrecise(bucket.markNanos())));
        }
        svg.append(axes());
        svg.append(text(WIDTH / 2.0, HEIGHT - 4, "middle", "latency, ms (bucket upper bound)"));
        return svg.append("</svg>\n").toString();
    }

    static String latencyOverTime(List<TimelinePoint> timeline) {
        StringBuilder svg = open("Latency over time");
        if (timeline.isEmpty()) {
            return svg.append(text(WIDTH / 2, HEIGHT / 2, "middle", "no samples")).append("</svg>\n").toString();
        }
        double lastSecond = timeline.get(timeline.size() - 1).end().toNanos() / 1e9;
        long highest = timeline.stream().mapToLong(TimelinePoint::p99Nanos).max().orElse(1);
        double top = Math.max(1, highest) * 1.1;
        svg.append(axes());
        svg.append(polyline(timeline, TimelinePoint::p99Nanos, lastSecond, top, "#c0392b"));
        svg.append(polyline(timeline, TimelinePoint::p50Nanos, lastSecond, top, "#2c7a3f"));
        for (int tick = 0; tick <= 4; tick++) {
            double value = top * tick / 4;
            double y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - tick / 4.0);
            svg.append(text(LEFT - 6, y + 4, "end", String.format(Locale.ROOT, "%.2f", value / 1e6)));
            svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) * tick / 4.0, HEIGHT - BOTTOM + 16, "middle",
                    String.format(Locale.ROOT, "%.1f", lastSecond * tick / 4)));
        }
        svg.append(text(WIDTH / 2.0, HEIGHT - 4, "middle", "seconds since start; latency in ms: p50 (green), p99 (red)"));
        return svg.append("</svg>\n").toString();
    }

    private static String polyline(List<TimelinePoint> timeline, ToLongFunction<TimelinePoint> value, double lastSecond, double top, String color) {
        StringBuilder points = new StringBuilder();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (TimelinePoint point : timeline) {
            double x = LEFT + (lastSecond == 0 ? 0 : plotWidth * (point.end().toNanos() / 1e9) / lastSecond);
            double y = TOP + plotHeight * (1 - value.applyAsLong(point) / top);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\" points=\"" + points.toString().trim() + "\"/>\n";
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, title));
    }

    private static String axes() {
        return String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\">%s</text>%n",
                x, y, anchor, Html.escape(content));
    }
}
