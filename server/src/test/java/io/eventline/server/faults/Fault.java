package io.eventline.server.faults;

import java.util.Map;

/** What goes wrong in a fault run; it strikes a bounded number of times while the load runs. */
interface Fault {
    /** Strikes once, and returns when whatever it broke may recover by itself (e.g. a killed process restarted). */
    void strike(int round) throws Exception;

    /** Fault-specific counts for the summary line. */
    default Map<String, Long> details() {
        return Map.of();
    }
}
