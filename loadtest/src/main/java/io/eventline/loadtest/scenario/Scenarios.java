package io.eventline.loadtest.scenario;

/** The scenario that a name stands for. */
public final class Scenarios {
    private Scenarios() {
    }

    public static Scenario of(ScenarioName name) {
        return switch (name) {
            case APPEND -> new AppendScenario();
            case APPEND_BATCH -> new AppendBatchScenario();
            case CONTENDED -> new ContendedScenario();
            case READ -> new ReadScenario();
            case READ_ALL -> new ReadAllScenario();
            case MEMORY -> new MemoryScenario();
            case GROUPS -> new GroupThroughputScenario();
            case LATENCY -> new DeliveryLatencyScenario();
            case IDLE_SUBSCRIPTIONS -> new IdleSubscriptionsScenario();
            case CATCH_UP -> new CatchUpScenario();
        };
    }
}
