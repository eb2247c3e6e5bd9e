package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.api.Test;

class SdeTest {
    private static final double[] MU = {0.5, -1.0, 2.0};
    private static final double[] V = {1.0, 0.25, 2.0};
    private final DiagonalGaussianField field = new DiagonalGaussianField(MU, V);

    @Test
    void veMarginalIsGeometricAndTimeOfInvertsIt() {
        VeSde ve = new VeSde(0.01, 50);
        assertEquals(0.01, ve.marginal(0).sigma(), 1e-15);
        assertEquals(50, ve.marginal(1).sigma(), 1e-12);
        assertEquals(Math.sqrt(0.01 * 50), ve.marginal(0.5).sigma(), 1e-12);
        assertEquals(1, ve.marginal(0.3).scale());
        assertEquals(0.37, ve.timeOf(ve.marginal(0.37).sigma()), 1e-14);
    }

    @Test
    void vpMarginalMatchesClosedForm() {
        VpSde vp = new VpSde();
        double t = 0.4, logS = -0.25 * t * t * (20 - 0.1) - 0.5 * t * 0.1;
        Marginal m = vp.marginal(t);
        assertEquals(Math.exp(logS), m.scale(), 1e-15);
        double s = m.scale();
        assertEquals(Math.sqrt(1 - s * s) / s, m.sigma(), 1e-12);
        assertEquals(Math.sqrt(1 - s * s), m.nativeStd(), 1e-14);
        assertEquals(t, vp.timeOf(m.sigma()), 1e-13);
        assertEquals(1e-3, vp.timeOf(vp.marginal(1e-3).sigma()), 1e-13);
    }

    /** Fokker–Planck for a linear SDE on Gaussian data: dV/dt = 2 f V + g^2 for V(t) = s^2 (v + sigma^2). */
    @Test
    void coefficientsAreConsistentWithMarginals() {
        for (Sde sde : new Sde[] {new VeSde(0.01, 5), new VpSde()}) {
            for (double t : new double[] {0.1, 0.5, 0.9}) {
                double v = 0.7, h = 1e-6;
                double dVdt = (variance(sde, t + h, v) - variance(sde, t - h, v)) / (2 * h);
                double g = sde.diffusion(t);
                double expected = 2 * sde.driftRate(t) * variance(sde, t, v) + g * g;
                assertEquals(expected, dVdt, 1e-6 * Math.max(1, Math.abs(expected)), sde.describe() + " t=" + t);
            }
        }
    }

    private static double variance(Sde sde, double t, double v) {
        Marginal m = sde.marginal(t);
        return m.scale() * m.scale() * (v + m.sigma() * m.sigma());
    }

    /** VP data N(mu, v): p_t = N(s mu, s^2 v + 1 - s^2), so grad log p_t(x) = -(x - s mu) / (s^2 v + 1 - s^2) exactly. */
    @Test
    void vpScoreFromVeFieldIsExactForGaussian() {
        VpSde vp = new VpSde();
        Mat x = new Rng(3).gaussian(5, 3);
        for (double t : new double[] {1e-3, 0.2, 0.7, 1.0}) {
            double s = vp.marginal(t).scale();
            Mat g = vp.score(field, x, t);
            for (int i = 0; i < x.rows(); i++)
                for (int j = 0; j < 3; j++) {
                    double exact = -(x.get(i, j) - s * MU[j]) / (s * s * V[j] + 1 - s * s);
                    assertEquals(exact, g.get(i, j), 1e-12 * Math.max(1, Math.abs(exact)), "t=" + t);
                }
        }
    }

    /** VE: the probability-flow drift over dsigma/dt equals dx/dsigma = -sigma g. */
    @Test
    void veProbabilityFlowDriftIsMinusSigmaScorePerUnitSigma() {
        VeSde ve = new VeSde(0.01, 2);
        Mat x = new Rng(4).gaussian(4, 3);
        double t = 0.6, sigma = ve.marginal(t).sigma(), dSigmaDt = sigma * Math.log(2 / 0.01);
        Mat pf = ve.reverseDrift(field, x, t, true).scale(1 / dSigmaDt);
        Mat expected = field.score(x, sigma).scale(-sigma);
        assertEquals(0, pf.minus(expected).maxAbs(), 1e-12);
        Mat sdeDrift = ve.reverseDrift(field, x, t, false);
        assertEquals(0, sdeDrift.minus(pf.scale(2 * dSigmaDt)).maxAbs(), 1e-12);
    }

    @Test
    void toVeDividesByScale() {
        VpSde vp = new VpSde();
        Mat x = Mat.row(1, 2, 3);
        double s = vp.marginal(0.5).scale();
        assertEquals(2 / s, vp.toVe(x, 0.5).get(0, 1), 1e-12);
    }

    @Test
    void badParametersAreInputErrors() {
        assertThrows(InputException.class, () -> new VeSde(1, 0.5));
        assertThrows(InputException.class, () -> new VeSde(0, 1));
        assertThrows(InputException.class, () -> new VpSde(-1, 20));
        assertThrows(InputException.class, () -> Sde.uniformTimes(0, 1e-3));
        assertThrows(InputException.class, () -> Sde.uniformTimes(10, 0));
        double[] t = Sde.uniformTimes(4, 0.2);
        assertEquals(1.0, t[0]);
        assertEquals(0.8, t[1], 1e-15);
        assertEquals(0.2, t[4], 1e-15);
    }
}
