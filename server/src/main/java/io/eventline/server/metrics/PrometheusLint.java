package io.eventline.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Keeps /metrics clean by Prometheus's own lint (`promtool check metrics`): micrometer's process
 * CPU time counts nanoseconds (published as {@code process_cpu_time_ns_total}, an abbreviated unit)
 * and its processor count ends in {@code _count}. The first is replaced by the conventional
 * {@code process_cpu_seconds_total}, the second renamed {@code system_cpus}.
 */
public final class PrometheusLint {
    private PrometheusLint() {
    }

    /** Must run before the JVM and process meters are bound. */
    public static void applyTo(MeterRegistry registry) {
        registry.config()
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
                    }
                });
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        if (system instanceof com.sun.management.OperatingSystemMXBean process) {
            FunctionCounter.builder("process.cpu", process, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time this server's process has used")
                    .register(registry);
        }
    }
}
