package io.scorescope.field;

import static io.scorescope.field.FieldChecks.relErr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SmoothedEmpiricalFieldTest {
    static SmoothedEmpiricalField field(int n, int d, long seed) { return new SmoothedEmpiricalField(new Rng(seed).gaussian(n, d)); }

    @Test
    void scoreAndJacobianMatchFiniteDifferences() {
        SmoothedEmpiricalField f = field(30, 3, 1);
        Mat x = new Rng(2).gaussian(5, 3);
        for (double sigma : new double[] {0.2, 0.7, 3}) {
            FieldChecks.scoreIsGradient(f, x, sigma, 1e-6);
            FieldChecks.jacobianMatchesFiniteDifference(f, x, sigma, 1e-6);
            FieldChecks.symmetric(f.jacobian(x, sigma));
        }
    }

    @Test
    void jacobianIsPosteriorCovarianceIdentityRecomputedNaively() {
        Mat y = new Rng(4).gaussian(50, 4);
        SmoothedEmpiricalField f = new SmoothedEmpiricalField(y);
        double[] x = {0.3, -0.1, 0.5, 1};
        double sigma = 0.6, s2 = sigma * sigma;
        // independent: softmax weights, weighted mean, E[x0 x0^T] - m m^T
        double[] w = new double[50];
        for (int i = 0; i < 50; i++) w[i] = Math.exp(-Vec.dist2(x, y.row(i)) / (2 * s2));
        double z = Vec.sum(w);
        double[] m = new double[4];
        Mat second = new Mat(4, 4);
        for (int i = 0; i < 50; i++) {
            m = Vec.axpy(m, w[i] / z, y.row(i));
            second = second.plusScaled(w[i] / z, Mat.outer(y.row(i), y.row(i)));
        }
        Mat cov = second.minus(Mat.outer(m, m));
        Mat expected = cov.minus(Mat.identity(4).scale(s2)).scale(1 / (s2 * s2));
        assertTrue(relErr(f.jacobian(Mat.row(x), sigma)[0], expected) < 1e-12);
        Posterior p = f.posterior(x, sigma);
        assertTrue(relErr(p.mean(), m) < 1e-13);
        double ess = 0;
        for (double wi : w) ess += (wi / z) * (wi / z);
        assertEquals(1 / ess, p.effectiveSampleSize(), 1e-9);
        assertEquals(Math.log(z / 50) - 2 * Math.log(2 * Math.PI * s2), p.logDensity(), 1e-12);
    }

    /** Above NodeSmoothing.BLAS_WORK multiply-adds the covariance goes through blocked BLAS Gram matrices: same answer. */
    @Test
    void largeCovarianceThroughBlasEqualsTheDirectSum() {
        int n = 3000, d = 200;
        assertTrue((double) n * d * d / 2 > NodeSmoothing.BLAS_WORK);
        Mat y = new Rng(9).gaussian(n, d);
        Posterior p = new SmoothedEmpiricalField(y).posterior(new Rng(10).gaussian(1, d).row(0), 30);   // large sigma: all active
        double[] w = p.weights(), m = p.mean();
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            double[] dev = Vec.sub(y.row(i), m);
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) c[a * d + b] += w[i] * dev[a] * dev[b];
        }
        assertTrue(relErr(p.cov(), new Mat(d, d, c)) < 1e-12);
        assertEquals(0, p.cov().antisymmetricPart().frobenius(), 0);
    }

    @Test
    void agreesWithTheReferencePosterior() {
        Mat y = new Rng(6).gaussian(41, 5); // 41: exercises the 4-node blocking remainder
        double[] lw = new double[41];
        Arrays.fill(lw, -Math.log(41));
        SmoothedEmpiricalField f = new SmoothedEmpiricalField(y);
        double[] x = new Rng(7).gaussian(5);
        for (double sigma : new double[] {0.05, 0.5, 5}) {
            Posterior ref = Posterior.at(x, sigma, y, lw), p = f.posterior(x, sigma);
            assertTrue(relErr(p.weights(), ref.weights()) < 1e-12);
            assertTrue(relErr(p.cov(), ref.cov()) < 1e-11);
            assertEquals(ref.logDensity(), p.logDensity(), 1e-12);
            assertTrue(relErr(f.score(Mat.row(x), sigma).row(0), ref.score(x)) < 1e-12);
        }
    }

    @Test
    void batchesSpanningSeveralGroupsAndNodeBlocksMatchThePosterior() {
        Mat y = new Rng(13).gaussian(150, 3); // 150 nodes: two full blocks of 64 and a remainder
        double[] lw = new double[150];
        Arrays.fill(lw, -Math.log(150));
        SmoothedEmpiricalField f = new SmoothedEmpiricalField(y);
        Mat x = new Rng(14).gaussian(37, 3); // 37 points: groups of 16, 16 and 5
        double[] sigma = new double[37];
        for (int i = 0; i < 37; i++) sigma[i] = 0.05 + 0.1 * i;
        Mat g = f.score(x, sigma);
        double[] lq = f.logDensity(x, sigma);
        for (int i = 0; i < 37; i++) {
            Posterior ref = Posterior.at(x.row(i), sigma[i], y, lw);
            assertTrue(relErr(g.row(i), ref.score(x.row(i))) < 1e-12, "row " + i);
            assertEquals(ref.logDensity(), lq[i], 1e-12 * Math.max(1, Math.abs(lq[i])));
        }
    }

    @Test
    void logDensityIntegratesToOneIn1d() {
        SmoothedEmpiricalField f = field(7, 1, 8);
        assertEquals(1, FieldChecks.integrate1d(f, 0.1, 12, 40000), 1e-9);
    }

    @Test
    void manyPointsFromAGaussianApproachTheGaussianField() {
        double[] var = {1, 0.25};
        Mat y = new Rng(10).gaussian(20000, 2);
        for (int i = 0; i < y.rows(); i++) y.set(i, 1, 0.5 * y.get(i, 1));
        SmoothedEmpiricalField f = new SmoothedEmpiricalField(y);
        GaussianField g = GaussianField.diagonal(var);
        Mat x = Mat.of(new double[][] {{0.5, 0.2}, {-1, -0.3}});
        assertTrue(relErr(f.score(x, 1.0), g.score(x, 1.0)) < 0.05);
        assertTrue(relErr(f.jacobian(x, 1.0)[0], g.jacobian(1.0)) < 0.05);
    }

    @Test
    void scoreIsFastInHighDimension() {
        // D = 784, n = 2000: the score path is O(nD) per point and must not form the D x D covariance
        SmoothedEmpiricalField f = field(2000, 784, 11);
        Mat x = new Rng(12).gaussian(20, 784);
        f.score(x, 1.0); // warm up
        long t0 = System.nanoTime();
        Mat g = f.score(x, 1.0);
        double msPerPoint = (System.nanoTime() - t0) / 1e6 / 20;
        assertTrue(g.isFinite());
        assertTrue(msPerPoint < 50, "score took " + msPerPoint + " ms per point");
    }

    @Property(tries = 200)
    void scoreIsGradientOfLogDensity(@ForAll @LongRange(min = 0, max = 10_000) long seed,
                                     @ForAll @IntRange(min = 1, max = 20) int n,
                                     @ForAll @DoubleRange(min = 0.05, max = 4) double sigma) {
        SmoothedEmpiricalField f = field(n, 2, seed);
        Mat x = new Rng(seed + 1).gaussian(2, 2);
        FieldChecks.scoreIsGradient(f, x, sigma, 1e-6);
        FieldChecks.jacobianMatchesFiniteDifference(f, x, sigma, 1e-6);
    }
}
