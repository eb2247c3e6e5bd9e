package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {
    @Test
    void geometricHasConstantRatioAndExactEnds() {
        NoiseSchedule s = NoiseSchedule.geometric(2, 0.01, 10);
        assertEquals(10, s.steps());
        assertEquals(2, s.sigmaMax());
        assertEquals(0.01, s.sigmaMin());
        double ratio = Math.pow(0.005, 0.1);
        for (int i = 1; i <= 10; i++) assertEquals(ratio, s.sigma(i) / s.sigma(i - 1), 1e-13);
    }

    @Test
    void karrasMatchesEdmFormula() {
        NoiseSchedule s = NoiseSchedule.karras(80, 0.002, 4);
        double a = Math.pow(80, 1 / 7.0), b = Math.pow(0.002, 1 / 7.0);
        assertEquals(Math.pow(a + 0.5 * (b - a), 7), s.sigma(2), 1e-12);
        assertEquals(80, s.sigma(0));
        assertEquals(0.002, s.sigma(4));
    }

    @Property(tries = 50)
    void schedulesDescendFromMaxToMin(@ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(6) double lo,
                                      @ForAll @DoubleRange(min = 1, max = 100) double hi,
                                      @ForAll @IntRange(min = 1, max = 300) int k) {
        for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.geometric(hi, lo, k), NoiseSchedule.karras(hi, lo, k)}) {
            assertEquals(k + 1, s.sigmas().length);
            assertEquals(hi, s.sigmaMax());
            assertEquals(lo, s.sigmaMin());
            for (int i = 1; i <= k; i++) assertTrue(s.sigma(i) < s.sigma(i - 1));
        }
    }

    @Test
    void fromTimesUsesVeEquivalentSigma() {
        VpSde vp = new VpSde();
        NoiseSchedule s = NoiseSchedule.fromTimes(vp, Sde.uniformTimes(5, 1e-3));
        assertEquals(vp.marginal(1).sigma(), s.sigmaMax(), 1e-12);
        assertEquals(vp.marginal(1e-3).sigma(), s.sigmaMin(), 1e-15);
    }

    @Test
    void badInputIsOneLineInputError() {
        assertThrows(InputException.class, () -> NoiseSchedule.geometric(0.01, 2, 10));
        assertThrows(InputException.class, () -> NoiseSchedule.geometric(2, 0, 10));
        assertThrows(InputException.class, () -> NoiseSchedule.karras(2, 0.01, 0));
        assertThrows(InputException.class, () -> NoiseSchedule.of(1, 2));
        InputException e = assertThrows(InputException.class, () -> NoiseSchedule.byName("cosine", 2, 0.01, 10));
        assertTrue(e.getMessage().contains("geometric, karras"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
