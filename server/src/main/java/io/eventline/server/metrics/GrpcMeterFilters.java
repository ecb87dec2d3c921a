package io.eventline.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * How micrometer's gRPC server meters are published: the call timer with histogram buckets (so
 * p99 by method can be computed across instances), and Prometheus-style snake_case tag names in
 * place of micrometer's methodType and statusCode.
 */
public final class GrpcMeterFilters {
    private static final String PREFIX = "grpc.server";

    private GrpcMeterFilters() {
    }

    /** Must run before the first gRPC call registers its meters. */
    public static void applyTo(MeterRegistry registry) {
        registry.config()
                .meterFilter(MeterFilter.renameTag(PREFIX, "methodType", "method_type"))
                .meterFilter(MeterFilter.renameTag(PREFIX, "statusCode", "status_code"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith(PREFIX)) {
                            return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                        }
                        return config;
                    }
                });
    }
}
