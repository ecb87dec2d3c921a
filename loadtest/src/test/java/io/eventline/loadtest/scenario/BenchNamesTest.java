package io.eventline.loadtest.scenario;

import io.eventline.server.store.StreamName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchNamesTest {
    @Test
    void namesAreValidStreamNamesUniqueToTheRun() {
        BenchNames names = new BenchNames("k3x9");
        assertEquals("benchk3x9-a-", names.streamPrefix("a"));
        assertEquals("elbenchk3x9", names.baselineNamespace());
        assertEquals("benchk3x9-a-17", StreamName.parse(names.streamPrefix("a") + 17, "stream").value());
        assertEquals(ScenarioName.READ_ALL, ScenarioName.parse("read-all"));
        assertThrows(IllegalArgumentException.class, () -> new BenchNames("a*"));
    }
}
