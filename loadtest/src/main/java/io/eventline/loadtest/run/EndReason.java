package io.eventline.loadtest.run;

import java.util.Locale;

/** Why a run ended, as ghz's report's {@code endReason} says: its count was sent ({@code normal}) or its time was up ({@code timeout}). */
public enum EndReason {
    NORMAL, TIMEOUT;

    /** The name ghz writes. */
    public String ghzName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
