package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.engine.Linalg;
import io.scorescope.field.GaussianField;
import io.scorescope.field.RotatingGaussianField;
import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;
import io.scorescope.model.Architecture;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import org.junit.jupiter.api.Test;

/** Lanczos bidiagonalisation from jvp/vjp against the full SVD of the exact Jacobian. */
class MatrixFreeSvdTest {
    /** N(mu, Q diag(v) Q^T) with geometric variances v_i = 0.02 * 1.15^i and a random rotation Q, plus a rotation of rate omega. */
    static RotatingGaussianField rotating(int d, double omega, long seed) {
        Mat q = Linalg.eigh(new Rng(seed).gaussian(d, d).symmetricPart()).vectors();
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = 0.02 * Math.pow(1.15, i);
        Mat cov = q.times(Mat.diag(v)).times(q.transpose()).symmetricPart();
        return new RotatingGaussianField(new GaussianField(new Rng(seed + 1).gaussian(d), cov), omega);
    }

    /** Top k of the matrix-free path vs the full SVD (LocalFeatures); returns the worst relative error. */
    static double compare(ScoreField f, Mat x, double[] sigma, MatrixFreeSvd.Result[] r, int k) {
        Mat[] j = f.jacobian(x, sigma);
        double worst = 0;
        for (int p = 0; p < x.rows(); p++) {
            LocalFeatures full = LocalFeatures.of(j[p], sigma[p]);
            for (int i = 0; i < k; i++) {
                double s = full.singularValues()[i];
                worst = Math.max(worst, Math.abs(r[p].values()[i] - s) / s);
                // the vectors are singular vectors: J v = s u and J^T u = s v
                double[] vi = r[p].v().col(i), ui = r[p].u().col(i);
                double e1 = Vec.dist(j[p].times(vi), Vec.scale(r[p].values()[i], ui)) / s;
                double e2 = Vec.dist(j[p].transpose().times(ui), Vec.scale(r[p].values()[i], vi)) / s;
                assertTrue(e1 < 1e-6 && e2 < 1e-6, "point " + p + " triple " + i + ": residuals " + e1 + ", " + e2);
            }
        }
        return worst;
    }

    @Test
    void topSingularValuesOfANonSymmetricAnalyticFieldMatchTheFullSvd() {
        int d = 40, k = 5;
        RotatingGaussianField f = rotating(d, 4, 3);
        Mat x = new Rng(5).gaussian(3, d);
        double[] sigma = {0.05, 0.1, 0.3};
        assertTrue(f.jacobian(x, sigma)[0].antisymmetricPart().frobenius() > 1, "J is not symmetric");
        MatrixFreeSvd.Result[] r = MatrixFreeSvd.top(f, x, sigma, MatrixFreeSvd.Config.top(k));
        double worst = compare(f, x, sigma, r, k);
        assertTrue(worst < 1e-6, "relative error " + worst);
        for (MatrixFreeSvd.Result p : r) {
            assertTrue(p.converged());
            assertTrue(p.steps() < d, "matrix-free: fewer products than a full Jacobian (" + p.steps() + " steps)");
        }
    }

    @Test
    void topSingularValuesOfASmallUnetMatchTheFullSvd() {
        ModelSpec spec = new ModelSpec(64, 8, 1, 4, Parameterisation.EPS, 0.6, Architecture.unet(1, 8, 8));
        ScoreModel net = ScoreModel.create(spec, 7);
        Mat x = new Rng(8).gaussian(2, 64).scale(0.5);
        double[] sigma = {0.1, 0.8};
        int k = 6;
        MatrixFreeSvd.Result[] r = MatrixFreeSvd.top(net, x, sigma, MatrixFreeSvd.Config.top(k));
        double worst = compare(net, x, sigma, r, k);
        assertTrue(worst < 1e-6, "relative error " + worst);
        for (MatrixFreeSvd.Result p : r) assertTrue(p.converged(), "steps " + p.steps());
    }

    @Test
    void repeatedSingularValuesAreAllFound() {
        // J = -diag(1/(v_i + sigma^2)): the top value 1/(0.1 + 0.01) three times, then distinct ones
        double[] v = {0.1, 0.1, 0.1, 0.2, 0.3, 0.5, 0.8, 1.3, 2.1, 3.4};
        RotatingGaussianField f = RotatingGaussianField.diagonal(0, v);
        MatrixFreeSvd.Result[] r = MatrixFreeSvd.top(f, new Rng(1).gaussian(1, 10), new double[] {0.1}, MatrixFreeSvd.Config.top(4));
        for (int i = 0; i < 3; i++) assertEquals(1 / 0.11, r[0].values()[i], 1e-12 / 0.11);
        assertEquals(1 / 0.21, r[0].values()[3], 1e-12 / 0.21);
        assertTrue(r[0].converged());
    }

    @Test
    void aStepCapEndsUnconvergedWithItsResidualBounds() {
        RotatingGaussianField f = rotating(40, 4, 3);
        MatrixFreeSvd.Result[] r = MatrixFreeSvd.top(f, new Rng(5).gaussian(1, 40), new double[] {0.05},
                new MatrixFreeSvd.Config(3, 3, 1e-15, 1));
        assertEquals(3, r[0].steps());
        assertFalse(r[0].converged());
        assertTrue(r[0].residuals()[0] > 0);
        // the Ritz values never exceed the largest singular value (interlacing)
        double top = LocalFeatures.of(f.jacobian(new Rng(5).gaussian(1, 40), new double[] {0.05})[0], 0.05).singularValues()[0];
        assertTrue(r[0].values()[0] <= top * (1 + 1e-12));
    }
}
