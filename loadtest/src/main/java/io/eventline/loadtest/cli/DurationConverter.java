package io.eventline.loadtest.cli;

import picocli.CommandLine;

import java.time.Duration;

/** Lets picocli read Go-style durations. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return GoDurations.parse(value);
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
