package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.scorescope.math.Mat;
import org.junit.jupiter.api.Test;

class LocalFeaturesTest {
    static final double[] V = {0.001, 2.0, 0.5, 0.02};   // variances, unsorted
    static final double SIGMA = 0.1;

    /** Rotated Gaussian: J = -R (diag(v) + sigma^2)^-1 R^T. */
    static Mat rotatedGaussian() { return Fixtures.conj(Fixtures.rotation(4, 7), Fixtures.gaussian(V, SIGMA)); }

    @Test
    void gaussianSingularValuesGainsAndSignPairingAreExact() {
        LocalFeatures f = LocalFeatures.of(rotatedGaussian(), SIGMA);
        double s2 = SIGMA * SIGMA;
        double[] vDesc = {0.001, 0.02, 0.5, 2.0};   // s = 1/(v + sigma^2) descending <=> v ascending
        for (int i = 0; i < 4; i++) {
            assertEquals(1 / (vDesc[i] + s2), f.singularValues()[i], 1e-10);
            assertEquals(vDesc[i] / (vDesc[i] + s2), f.gains()[i], 1e-12);
            assertEquals(1, f.signPairing()[i], 1e-12);
        }
        assertEquals(3, f.keptCount());   // v > sigma^2 = 0.01: 0.02, 0.5, 2
    }

    @Test
    void keptBasisSpansTheHighVarianceDirections() {
        Mat r = Fixtures.rotation(4, 7);
        LocalFeatures f = LocalFeatures.of(rotatedGaussian(), SIGMA);
        // R P R^T with P the projector onto e2, e3, e4 (v = 2, 0.5, 0.02 > sigma^2)
        Mat want = Fixtures.conj(r, Mat.projector(Fixtures.frame(4, 1, 2, 3)));
        assertEquals(0, Mat.projector(f.keptBasis()).minus(want).maxAbs(), 1e-10);
        assertEquals(0, Mat.projector(f.removedBasis()).minus(Mat.identity(4).minus(want)).maxAbs(), 1e-10);
    }

    @Test
    void signPairingIsMinusOneWhereJStretches() {
        LocalFeatures f = LocalFeatures.of(Mat.diag(3, -2), 1);
        assertArrayEquals(new double[] {-1, 1}, f.signPairing(), 1e-12);
        assertArrayEquals(new double[] {-2, -1}, f.gains(), 1e-12);
    }

    @Test
    void batchedAndValuesOnlyPathsAgreeWithSingle() {
        Mat a = rotatedGaussian(), b = Fixtures.gaussian(new double[] {1, 0.1, 3, 0.3}, 0.5).plus(Fixtures.spin(4, 0, 1, 0.7));
        LocalFeatures[] batch = LocalFeatures.of(new Mat[] {a, b}, new double[] {SIGMA, 0.5});
        LocalFeatures single = LocalFeatures.of(b, 0.5);
        LocalFeatures[] values = LocalFeatures.valuesOnly(new Mat[] {a, b}, new double[] {SIGMA, 0.5});
        assertArrayEquals(single.singularValues(), batch[1].singularValues(), 1e-12);
        assertArrayEquals(single.signPairing(), batch[1].signPairing(), 1e-12);
        assertArrayEquals(single.gains(), values[1].gains(), 1e-12);
        assertArrayEquals(LocalFeatures.of(a, SIGMA).gains(), values[0].gains(), 1e-12);
        assertFalse(values[0].hasVectors());
        assertNull(values[0].signPairing());
    }
}
