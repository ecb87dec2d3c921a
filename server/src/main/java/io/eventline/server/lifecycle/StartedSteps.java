package io.eventline.server.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

import static java.util.Objects.requireNonNull;

/** What a start has done so far, so that a failed start and a stop undo it in reverse order. */
public final class StartedSteps {
    private static final Logger log = LoggerFactory.getLogger(StartedSteps.class);

    private final Deque<Step> done = new ArrayDeque<>();

    /**
     * Records {@code undo} first, then runs {@code start}: a step that fails halfway is undone too,
     * so every undo must cope with a step that never started or only partly did.
     */
    public void run(String name, Runnable start, Runnable undo) {
        done.push(new Step(requireNonNull(name, "name is null"), requireNonNull(undo, "undo is null")));
        start.run();
    }

    public boolean isEmpty() {
        return done.isEmpty();
    }

    /** Undoes every step, last first; a failing undo is logged and the rest still run. */
    public void undoAll() {
        while (!done.isEmpty()) {
            Step step = done.pop();
            try {
                step.undo().run();
            }
            catch (RuntimeException e) {
                log.warn("Stopping the {} failed: {}", step.name(), e.toString());
            }
        }
    }

    private record Step(String name, Runnable undo) {
    }
}
