package io.scorescope.field;

import static io.scorescope.field.FieldChecks.relErr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GaussianFieldTest {
    /** A random SPD covariance A A^T + 0.1 I. */
    static Mat randomCovariance(int d, long seed) {
        Mat a = new Rng(seed).gaussian(d, d);
        return a.times(a.transpose()).plus(Mat.identity(d).scale(0.1));
    }

    static GaussianField randomGaussian(int d, long seed) {
        return new GaussianField(new Rng(seed + 1).gaussian(d), randomCovariance(d, seed));
    }

    @Test
    void fullCovarianceScoreAndJacobianMatchFiniteDifferences() {
        GaussianField f = randomGaussian(4, 7);
        Mat x = new Rng(3).gaussian(5, 4);
        for (double sigma : new double[] {0.05, 0.5, 2}) {
            FieldChecks.scoreIsGradient(f, x, sigma, 1e-7);
            FieldChecks.jacobianMatchesFiniteDifference(f, x, sigma, 1e-6);
            FieldChecks.symmetric(f.jacobian(x, sigma));
        }
    }

    @Test
    void diagonalSingularValuesAreInverseVariances() {
        double[] var = {3, 1, 0.5, 0.01};
        double sigma = 0.3;
        GaussianField f = GaussianField.diagonal(var);
        Mat j = f.jacobian(Mat.row(0.1, -0.2, 0.3, 0.4), sigma)[0];
        Linalg.Svd svd = Linalg.svd(j);
        double[] expected = {1 / (0.01 + 0.09), 1 / (0.5 + 0.09), 1 / (1 + 0.09), 1 / (3 + 0.09)};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], svd.s()[i], 1e-12 * expected[i]);
            assertEquals(-1, Vec.dot(svd.u().col(i), svd.v().col(i)), 1e-12, "u_i = -v_i");
        }
    }

    @Test
    void fullAndDiagonalPathsAgree() {
        // a full covariance that is diagonal in a rotated basis vs. the same Gaussian through Cholesky
        double[] var = {2, 0.5, 0.1};
        GaussianField diag = GaussianField.diagonal(var);
        Mat cov = Mat.diag(var);
        cov.set(0, 1, 1e-300); cov.set(1, 0, 1e-300); // forces the Cholesky path, same matrix numerically
        GaussianField full = new GaussianField(new double[3], cov);
        assertTrue(diag.isDiagonal());
        assertTrue(!full.isDiagonal());
        double[] x = {0.3, -1, 2};
        assertEquals(diag.logDensity(x, 0.4), full.logDensity(x, 0.4), 1e-12);
        assertTrue(relErr(full.score(x, 0.4), diag.score(x, 0.4)) < 1e-14);
        assertTrue(relErr(full.jacobian(0.4), diag.jacobian(0.4)) < 1e-14);
    }

    @Test
    void logDensityIsTheClosedForm() {
        GaussianField f = GaussianField.diagonal(new double[] {1}, new double[] {3});
        double sigma = 1, x = 2.5; // N(1, 4)
        double expected = -0.5 * Math.log(2 * Math.PI * 4) - (x - 1) * (x - 1) / 8;
        assertEquals(expected, f.logDensity(new double[] {x}, sigma), 1e-14);
        assertEquals(1, FieldChecks.integrate1d(f, 0.2, 40, 20000), 1e-9);
    }

    @Test
    void posteriorMomentsSatisfyTweedie() {
        GaussianField f = randomGaussian(3, 11);
        double[] x = {0.5, -0.4, 1.2};
        for (double sigma : new double[] {0.1, 1}) {
            GaussianField.Moments post = f.posterior(x, sigma);
            double s2 = sigma * sigma;
            // first order: E[x0|x] = x + sigma^2 g; second order: Cov = sigma^2 I + sigma^4 J
            assertTrue(relErr(post.mean(), Vec.axpy(x, s2, f.score(x, sigma))) < 1e-12);
            Mat tweedie = Mat.identity(3).scale(s2).plus(f.jacobian(sigma).scale(s2 * s2));
            assertTrue(relErr(post.cov(), tweedie) < 1e-9);
        }
        // diagonal closed form: mean v/(v+s2) x, variance v s2/(v+s2)
        GaussianField.Moments p = GaussianField.diagonal(4).posterior(new double[] {2}, 1);
        assertEquals(1.6, p.mean()[0], 1e-14);
        assertEquals(0.8, p.cov().get(0, 0), 1e-14);
    }

    @Test
    void singularCovarianceIsAGaussianOnASubspace() {
        GaussianField f = GaussianField.diagonal(1, 0);
        double sigma = 0.1;
        Mat j = f.jacobian(sigma);
        assertEquals(-1 / sigma / sigma, j.get(1, 1), 1e-9, "normal direction: s = 1/sigma^2");
        FieldChecks.scoreIsGradient(f, Mat.row(0.3, 0.05), sigma, 1e-7);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> GaussianField.diagonal(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianField(new double[2], Mat.of(new double[][] {{1, 2}, {0, 1}})));
        assertThrows(IllegalArgumentException.class, () -> GaussianField.diagonal(1).score(new double[] {0}, 0));
    }

    @Test
    void choleskySolvesAndGivesLogDet() {
        Mat c = randomCovariance(5, 2);
        Cholesky ch = Cholesky.of(c);
        Mat l = ch.factor();
        assertTrue(relErr(l.times(l.transpose()), c) < 1e-14);
        double[] b = new Rng(4).gaussian(5);
        assertTrue(relErr(c.times(ch.solve(b)), b) < 1e-12);
        assertTrue(relErr(c.times(ch.inverse()), Mat.identity(5)) < 1e-12);
        assertEquals(Math.log(6 - 4), Cholesky.of(Mat.of(new double[][] {{2, 2}, {2, 3}})).logDet(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Cholesky.of(Mat.of(new double[][] {{1, 2}, {2, 1}})));
    }

    @Property(tries = 60)
    void scoreIsGradientForRandomGaussians(@ForAll @LongRange(min = 0, max = 1000) long seed,
                                           @ForAll @DoubleRange(min = 0.02, max = 3) double sigma) {
        GaussianField f = randomGaussian(3, seed);
        Mat x = new Rng(seed + 5).gaussian(2, 3);
        FieldChecks.scoreIsGradient(f, x, sigma, 1e-6);
        FieldChecks.jacobianMatchesFiniteDifference(f, x, sigma, 1e-6);
    }
}
