package io.scorescope.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.data.Frames;
import io.scorescope.data.Manifold;
import io.scorescope.data.Manifolds;
import io.scorescope.field.GaussianField;
import io.scorescope.field.ManifoldField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import org.junit.jupiter.api.Test;

class ScoreEstimatorsTest {
    static final double SIGMA = 0.05;

    /** A flat 3-plane in R^6: N(0, diag(1,1,1,0,0,0)) and query points on the plane. */
    static GaussianField plane() { return GaussianField.diagonal(1, 1, 1, 0, 0, 0); }

    static Mat planePoints(int n, long seed) {
        Rng r = new Rng(seed);
        Mat x = new Mat(n, 6);
        for (int i = 0; i < n; i++) for (int j = 0; j < 3; j++) x.set(i, j, r.uniform(-1, 1));
        return x;
    }

    static double[] run(String spec, Mat x, io.scorescope.field.ScoreField f) {
        return LidEstimators.parse(spec).run(LidProblem.allRows(x, f, 7)).estimates();
    }

    @Test
    void everyScoreEstimatorFindsTheFlatPlane() {
        Mat x = planePoints(20, 1);
        // K = 16 D: at the default K = 4 D with only 3 normal directions, the Marchenko-Pastur spread of the normal
        // singular values (sqrt(K) +- sqrt(3)) makes the raw largest-gap rule fall between two normal values on some draws
        for (String e : new String[] {"jacobian-threshold", "nb-gap-centred:kfactor=16", "nb-gap-uncentred:kfactor=16",
                "nb-threshold-centred", "nb-threshold-uncentred"})
            for (double v : run(e, x, plane())) assertEquals(3, v, 0, e);
        double s2 = SIGMA * SIGMA;
        double[] soft = run("jacobian-soft", x, plane()), flipd = run("flipd", x, plane());
        for (int i = 0; i < x.rows(); i++) {
            double t2 = 0;
            for (int j = 0; j < 3; j++) t2 += x.get(i, j) * x.get(i, j);
            // tr J = -3/(1 + s2) - 3/s2, |g|^2 = t2/(1 + s2)^2
            assertEquals(3 - 3 * s2 / (1 + s2), soft[i], 1e-12);
            assertEquals(3 - 3 * s2 / (1 + s2) + s2 * t2 / ((1 + s2) * (1 + s2)), flipd[i], 1e-12);
            assertEquals(3, Math.round(flipd[i]));
        }
    }

    @Test
    void everyScoreEstimatorFindsTheSphereOnItsExactSmoothedField() {
        for (String spec : new String[] {"sphere", "ksphere:k=2,D=5,density=uniform"}) {
            Manifold m = Manifolds.byName(spec);
            Mat x = m.sample(4, 3);
            ManifoldField f = new ManifoldField(m);
            for (String e : new String[] {"jacobian-threshold", "nb-gap-centred", "nb-gap-uncentred", "nb-threshold-centred"})
                for (double v : run(e, x, f)) assertEquals(2, v, 0, spec + " " + e);
            for (String e : new String[] {"jacobian-soft", "flipd"})
                for (double v : run(e, x, f)) assertEquals(2, v, 0.1, spec + " " + e);
        }
    }

    @Test
    void flipdExactTraceIsTheClosedFormForAFullGaussian() {
        Mat q = Frames.random(4, 4, 5);
        Mat cov = q.times(Mat.diag(2, 0.5, 0.01, 0)).times(q.transpose());
        GaussianField f = new GaussianField(new double[4], cov.symmetricPart());
        Mat x = new Rng(2).gaussian(5, 4);
        double sigma = 0.3;
        double[] got = LidEstimators.parse("flipd:sigma=0.3,trace=exact").run(LidProblem.allRows(x, f, 1)).estimates();
        Mat cInv = io.scorescope.field.Cholesky.of(cov.plus(Mat.identity(4).scale(sigma * sigma))).inverse();
        for (int i = 0; i < 5; i++) {
            double[] g = Vec.scale(-1, cInv.times(x.row(i)));
            assertEquals(4 + sigma * sigma * (-cInv.trace() + Vec.dot(g, g)), got[i], 1e-10);
        }
    }

    /**
     * The paper's VP form, D + sigma_t^2 [tr grad s_VP(psi x) + |s_VP(psi x)|^2] with s_VP(y) = g_sigma(y/psi)/psi
     * (the score of p_t(y) = psi^-D q_sigma(y/psi)) and its trace by central differences, equals our VE estimate at
     * sigma = sigma_t/psi.
     */
    @Test
    void flipdInThePapersVpScalingEqualsTheVeForm() {
        Mat q = Frames.random(3, 3, 8);
        GaussianField f = new GaussianField(new double[] {0.2, -0.1, 0.4}, q.times(Mat.diag(1.5, 0.3, 0.02)).times(q.transpose()).symmetricPart());
        double psi = 0.8, sigmaT = 0.6, sigma = sigmaT / psi, h = 1e-5;
        Mat x = new Rng(4).gaussian(3, 3);
        double[] ve = LidEstimators.parse("flipd:sigma=" + sigma + ",trace=exact").run(LidProblem.allRows(x, f, 1)).estimates();
        java.util.function.Function<double[], double[]> sVp = y -> Vec.scale(1 / psi, f.score(Mat.row(Vec.scale(1 / psi, y)), sigma).row(0));
        for (int i = 0; i < 3; i++) {
            double[] y = Vec.scale(psi, x.row(i)), s = sVp.apply(y);
            double tr = 0;
            for (int k = 0; k < 3; k++) {
                double[] up = y.clone(), down = y.clone();
                up[k] += h;
                down[k] -= h;
                tr += (sVp.apply(up)[k] - sVp.apply(down)[k]) / (2 * h);
            }
            assertEquals(3 + sigmaT * sigmaT * (tr + Vec.dot(s, s)), ve[i], 1e-6);
        }
    }

    @Test
    void hutchinsonByJacobianVectorProductsEqualsHutchinsonOnTheJacobianForALinearScore() {
        GaussianField f = fullGaussian();
        Mat x = new Rng(3).gaussian(6, 5);
        LidResult fd = LidEstimators.parse("flipd:sigma=0.3,trace=hutchinson,probes=8").run(LidProblem.allRows(x, f, 11));
        LidResult jac = LidEstimators.parse("flipd:sigma=0.3,trace=hutchinson-jacobian,probes=8").run(LidProblem.allRows(x, f, 11));
        assertArrayEquals(jac.estimates(), fd.estimates(), 1e-7);
        assertArrayEquals(jac.standardErrors(), fd.standardErrors(), 1e-7);
        assertTrue(jac.meanStandardError() > 0);
    }

    @Test
    void hutchinsonIsUnbiasedWithinItsStandardError() {
        GaussianField f = fullGaussian();
        Mat x = Mat.row(0.3, -0.2, 0.5, 0.1, 0.0);
        double exact = LidEstimators.parse("flipd:sigma=0.3,trace=exact").run(LidProblem.allRows(x, f, 0)).estimates()[0];
        int seeds = 400;
        double sum = 0, sumSe2 = 0;
        for (int s = 0; s < seeds; s++) {
            LidResult r = LidEstimators.parse("flipd:sigma=0.3,trace=hutchinson-jacobian,probes=4").run(LidProblem.allRows(x, f, s));
            sum += r.estimates()[0];
            sumSe2 += r.standardErrors()[0] * r.standardErrors()[0];
        }
        double mean = sum / seeds, seOfMean = Math.sqrt(sumSe2 / seeds) / Math.sqrt(seeds);
        assertTrue(seOfMean > 1e-3, "probes must vary: " + seOfMean);
        assertTrue(Math.abs(mean - exact) < 3 * seOfMean, "mean " + mean + " exact " + exact + " se " + seOfMean);
    }

    @Test
    void cfdmFindsAFlatPlaneFromTheDataAlone() {
        Mat frame = Frames.random(10, 3, 4);
        Mat z = new Rng(9).gaussian(2000, 3);
        Mat data = z.times(frame.transpose());
        LidResult r = LidEstimators.parse("cfdm").run(LidProblem.firstRows(data, 20, null, 1));
        assertEquals(3, r.mean(), 0.5, "cfdm mean " + r.mean());
    }

    @Test
    void scoreEstimatorsWithoutAFieldAreAUserError() {
        assertThrows(InputException.class, () -> run("flipd", planePoints(3, 1), null));
        assertThrows(InputException.class, () -> LidEstimators.parse("flipd:sigma=-1"));
        assertThrows(InputException.class, () -> LidEstimators.parse("flipd:probes=x"));
        assertThrows(InputException.class, () -> LidEstimators.parse("mle:q=3"));
        assertThrows(InputException.class, () -> LidEstimators.parse("nope"));
    }

    static GaussianField fullGaussian() {
        Mat q = Frames.random(5, 5, 8);
        Mat cov = q.times(Mat.diag(3, 1, 0.2, 0.05, 0)).times(q.transpose());
        return new GaussianField(new double[5], cov.symmetricPart());
    }
}
