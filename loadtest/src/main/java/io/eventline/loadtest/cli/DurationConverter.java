package io.eventline.loadtest.cli;

import io.eventline.server.config.DurationText;
import picocli.CommandLine;

import java.time.Duration;

/** Lets picocli read durations as the server does (Go's form, as ghz writes them, plus days). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
