package io.eventline.loadtest.scenario;

/** One benchmark: measures Eventline and its raw Redis baselines in the same run, and prints both and their ratio. */
public interface Scenario {
    void run(ScenarioContext context) throws Exception;
}
