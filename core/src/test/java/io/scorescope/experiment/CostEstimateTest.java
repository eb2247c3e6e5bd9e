package io.scorescope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The estimate's durations read as a person would say them. */
class CostEstimateTest {
    @Test
    void durationsAreSecondsMinutesOrHours() {
        assertEquals("42 s", CostEstimate.human(42.2));
        assertEquals("1.5 min", CostEstimate.human(90));
        assertEquals("89.9 min", CostEstimate.human(5394));
        assertEquals("1.5 h", CostEstimate.human(5400));
        CostEstimate e = new CostEstimate(600, 120, 30, 2, "p");
        assertEquals(750, e.totalSeconds(), 0);
        assertEquals("estimated cost: analysis ~ 10.0 min, mixing ~ 2.0 min, sample quality ~ 30 s; total ~ 12.5 min (probes took 2 s: p)", e.describe());
    }
}
