package io.scorescope.field;

import static io.scorescope.field.FieldChecks.relErr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GaussianMixtureFieldTest {
    static GaussianMixtureField twoBumps() {
        return new GaussianMixtureField(List.of(
                new GaussianMixtureField.Component(0.3, GaussianField.diagonal(new double[] {-1, 0.5}, new double[] {0.2, 0.05})),
                new GaussianMixtureField.Component(0.7, GaussianFieldTest.randomGaussian(2, 3))));
    }

    @Test
    void oneComponentEqualsTheGaussian() {
        GaussianField g = GaussianFieldTest.randomGaussian(3, 5);
        GaussianMixtureField m = new GaussianMixtureField(List.of(new GaussianMixtureField.Component(2.5, g)));
        Mat x = new Rng(1).gaussian(4, 3);
        double[] sig = {0.1, 0.5, 1, 3};
        assertTrue(relErr(m.score(x, sig), g.score(x, sig)) < 1e-14);
        double[] lm = m.logDensity(x, sig), lg = g.logDensity(x, sig);
        for (int i = 0; i < 4; i++) {
            assertEquals(lg[i], lm[i], 1e-13);
            assertTrue(relErr(m.jacobian(x, sig)[i], g.jacobian(x, sig)[i]) < 1e-12);
        }
    }

    @Test
    void scoreAndJacobianMatchFiniteDifferences() {
        GaussianMixtureField m = twoBumps();
        Mat x = new Rng(2).gaussian(6, 2);
        for (double sigma : new double[] {0.05, 0.3, 1.5}) {
            FieldChecks.scoreIsGradient(m, x, sigma, 1e-6);
            FieldChecks.jacobianMatchesFiniteDifference(m, x, sigma, 1e-6);
            FieldChecks.symmetric(m.jacobian(x, sigma));
        }
    }

    @Test
    void logDensityIntegratesToOneIn1d() {
        GaussianMixtureField m = new GaussianMixtureField(List.of(
                new GaussianMixtureField.Component(1, GaussianField.diagonal(new double[] {-2}, new double[] {0.1})),
                new GaussianMixtureField.Component(3, GaussianField.diagonal(new double[] {1.5}, new double[] {0.4}))));
        for (double sigma : new double[] {0.05, 1}) assertEquals(1, FieldChecks.integrate1d(m, sigma, 30, 30000), 1e-9);
        assertEquals(0.25, m.weight(0), 1e-15);
    }

    @Test
    void responsibilitiesPickTheNearComponent() {
        GaussianMixtureField m = twoBumps();
        double[] x = {-1, 0.5};
        double sigma = 0.01;
        GaussianMixtureField.Responsibilities res = m.responsibilities(x, sigma);
        double q0 = 0.3 * Math.exp(m.component(0).logDensity(x, sigma)), q1 = 0.7 * Math.exp(m.component(1).logDensity(x, sigma));
        assertEquals(q0 / (q0 + q1), res.r()[0], 1e-13);
        assertEquals(1, res.r()[0] + res.r()[1], 1e-15);
        assertEquals(Math.log(q0 + q1), res.logDensity(), 1e-13);
    }

    @Property(tries = 200)
    void jacobianMatchesFiniteDifferencesAtRandomPoints(@ForAll @LongRange(min = 0, max = 10_000) long seed,
                                                        @ForAll @DoubleRange(min = 0.05, max = 3) double sigma) {
        Mat x = new Rng(seed).gaussian(2, 2).scale(1.5);
        GaussianMixtureField m = twoBumps();
        FieldChecks.scoreIsGradient(m, x, sigma, 1e-6);
        FieldChecks.jacobianMatchesFiniteDifference(m, x, sigma, 1e-6);
    }
}
