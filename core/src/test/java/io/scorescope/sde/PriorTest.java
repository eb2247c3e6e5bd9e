package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.api.Test;

class PriorTest {

    /** The isotropic draw is sigma_max z, with z the standard normal rows of the stream (the sampler's old prior). */
    @Test
    void isotropicIsScaledStandardNormal() {
        Mat z = new Rng(3).gaussian(5, 4);
        assertArrayEquals(z.scale(2.5).data(), Prior.ISOTROPIC.draw(5, 4, 2.5, new Rng(3)).data(), 0);
    }

    /** Diagonal Sigma: the factor of Sigma + s^2 I is diag(sqrt(Sigma_ii + s^2)), so x = mu + sqrt(Sigma_ii + s^2) z. */
    @Test
    void diagonalCovarianceScalesEachCoordinate() {
        double[] mu = {0.5, -1, 3};
        double[] v = {0.2, 4, 0};
        double s = 1.5;
        Mat cov = new Mat(3, 3);
        for (int i = 0; i < 3; i++) cov.set(i, i, v[i]);
        Mat x = Prior.moments(mu, cov).draw(7, 3, s, new Rng(11));
        Mat z = new Rng(11).gaussian(7, 3);
        for (int r = 0; r < 7; r++)
            for (int j = 0; j < 3; j++) assertEquals(mu[j] + Math.sqrt(v[j] + s * s) * z.get(r, j), x.get(r, j), 1e-12);
    }

    /**
     * Full 2 x 2 covariance: C = Sigma + s^2 I = [[a, b], [b, c]] has the Cholesky factor
     * L = [[sqrt a, 0], [b / sqrt a, sqrt(c - b^2 / a)]], and the draw is mu + L z.
     */
    @Test
    void fullCovarianceUsesTheCholeskyFactor() {
        double[] mu = {1, -2};
        Mat sigma = new Mat(2, 2, new double[] {2.0, 0.9, 0.9, 1.0});
        double s = 0.5, a = 2.0 + s * s, b = 0.9, c = 1.0 + s * s;
        double l11 = Math.sqrt(a), l21 = b / l11, l22 = Math.sqrt(c - l21 * l21);
        Mat x = Prior.moments(mu, sigma).draw(6, 2, s, new Rng(5));
        Mat z = new Rng(5).gaussian(6, 2);
        for (int r = 0; r < 6; r++) {
            assertEquals(mu[0] + l11 * z.get(r, 0), x.get(r, 0), 1e-12);
            assertEquals(mu[1] + l21 * z.get(r, 0) + l22 * z.get(r, 1), x.get(r, 1), 1e-12);
        }
    }

    /** A singular data covariance (pixels that never vary) is fine: sigma_max^2 I makes C positive definite. */
    @Test
    void singularCovarianceIsRegularisedByTheNoise() {
        Mat x = Prior.moments(new double[] {-1, -1}, new Mat(2, 2)).draw(3, 2, 2, new Rng(1));
        Mat z = new Rng(1).gaussian(3, 2);
        for (int i = 0; i < z.data().length; i++) assertEquals(-1 + 2 * z.data()[i], x.data()[i], 1e-12);
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Prior.Moments(new double[2], null));
        assertThrows(IllegalArgumentException.class, () -> Prior.moments(new double[2], new Mat(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Prior.moments(new double[2], new Mat(2, 2)).draw(1, 3, 1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Prior.noisedData(new Mat(4, 2)).draw(1, 3, 1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Prior.noisedData(new Mat(0, 2)));
    }

    /**
     * The data prior draws p_sigma_max exactly: x - sigma_max z is a training point, with z the isotropic draw's noise
     * (same seed), and every point is reached; on one point the draw is that point plus the isotropic draw.
     */
    @Test
    void dataPriorIsATrainingPointPlusTheIsotropicNoise() {
        Mat points = new Mat(3, 2, new double[] {1, 2, -3, 0.5, 10, -10});
        double s = 0.7;
        int n = 60;
        Mat x = Prior.noisedData(points).draw(n, 2, s, new Rng(9));
        Mat iso = Prior.ISOTROPIC.draw(n, 2, s, new Rng(9));
        boolean[] seen = new boolean[3];
        for (int r = 0; r < n; r++) {
            double dx = x.get(r, 0) - iso.get(r, 0), dy = x.get(r, 1) - iso.get(r, 1);
            int hit = -1;
            for (int k = 0; k < 3; k++)
                if (Math.abs(dx - points.get(k, 0)) < 1e-12 && Math.abs(dy - points.get(k, 1)) < 1e-12) hit = k;
            assertTrue(hit >= 0, "row " + r + " minus the noise is not a training point: " + dx + ", " + dy);
            seen[hit] = true;
        }
        assertArrayEquals(new boolean[] {true, true, true}, seen);
        Mat one = Prior.noisedData(new Mat(1, 2, new double[] {4, -1})).draw(5, 2, s, new Rng(2));
        Mat z = Prior.ISOTROPIC.draw(5, 2, s, new Rng(2));
        for (int r = 0; r < 5; r++) {
            assertEquals(4 + z.get(r, 0), one.get(r, 0), 1e-12);
            assertEquals(-1 + z.get(r, 1), one.get(r, 1), 1e-12);
        }
    }

    @Test
    void kindsAreNamedAndUnknownNamesListTheValidOnes() {
        assertEquals("isotropic", Prior.ISOTROPIC.kind());
        assertEquals("moments", Prior.moments(new double[1], new Mat(1, 1)).kind());
        assertEquals("data", Prior.noisedData(new Mat(1, 1)).kind());
        for (String k : Prior.KINDS) assertEquals(k, Prior.checkKind(k));
        InputException e = assertThrows(InputException.class, () -> Prior.checkKind("uniform"));
        assertEquals("unknown prior 'uniform'; valid: isotropic, moments, data", e.getMessage());
    }

    /**
     * Log densities against closed forms: N(mu, C) in 2-D with C = Sigma + s^2 I = [[a, b], [b, c]],
     * log q = -(1/2) d^T C^{-1} d - (1/2) log(ac - b^2) - log 2 pi; the isotropic N(0, s^2 I); and the data prior
     * over one point, which is N(y, s^2 I).
     */
    @Test
    void logDensitiesMatchTheClosedForms() {
        double[] mu = {1, -2};
        Mat sigma = new Mat(2, 2, new double[] {2.0, 0.9, 0.9, 1.0});
        double s = 0.5, a = 2.0 + s * s, b = 0.9, c = 1.0 + s * s, det = a * c - b * b;
        Mat x = new Mat(2, 2, new double[] {0.3, 0.4, 1, -2});
        double[] got = Prior.moments(mu, sigma).logDensity(x, s);
        for (int r = 0; r < 2; r++) {
            double d0 = x.get(r, 0) - mu[0], d1 = x.get(r, 1) - mu[1];
            double quad = (c * d0 * d0 - 2 * b * d0 * d1 + a * d1 * d1) / det;
            assertEquals(-0.5 * quad - 0.5 * Math.log(det) - Math.log(2 * Math.PI), got[r], 1e-12);
        }
        double[] iso = Prior.ISOTROPIC.logDensity(x, s);
        assertEquals(-(0.09 + 0.16) / (2 * s * s) - Math.log(2 * Math.PI * s * s), iso[0], 1e-12);
        double[] one = Prior.noisedData(new Mat(1, 2, new double[] {0.3, 0.4})).logDensity(x, s);
        assertEquals(-Math.log(2 * Math.PI * s * s), one[0], 1e-12);
        assertEquals(-(0.7 * 0.7 + 2.4 * 2.4) / (2 * s * s) - Math.log(2 * Math.PI * s * s), one[1], 1e-12);
    }
}
