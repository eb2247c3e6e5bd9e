package io.scorescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import org.junit.jupiter.api.Test;

class LinalgTest {
    @Test
    void svdReconstructsAndMatchesSvdvals() {
        Mat a = new Rng(1).gaussian(5, 5);
        Linalg.Svd svd = Linalg.svd(a);
        Mat rec = svd.u().times(Mat.diag(svd.s())).times(svd.v().transpose());
        assertEquals(0, rec.minus(a).maxAbs(), 1e-12);
        double[] s = Linalg.singularValues(a);
        for (int i = 0; i < 5; i++) assertEquals(svd.s()[i], s[i], 1e-12);
        for (int i = 1; i < 5; i++) assertEquals(true, s[i - 1] >= s[i]);
    }

    /** The retry routes used when gesdd fails to converge give the same decomposition. */
    @Test
    void rescaledAndTransposedRetriesReconstructTheMatrix() {
        Mat a = new Rng(2).gaussian(6, 6).scale(3e-3);
        double[] s = Linalg.svd(a).s();
        for (Linalg.Svd svd : new Linalg.Svd[] {Linalg.rescaled(a), Linalg.transposed(a)}) {
            Mat rec = svd.u().times(Mat.diag(svd.s())).times(svd.v().transpose());
            assertEquals(0, rec.minus(a).maxAbs(), 1e-15);
            for (int i = 0; i < 6; i++) assertEquals(s[i], svd.s()[i], 1e-15);
        }
    }

    @Test
    void nonFiniteEntriesAreRejectedWhenTheBatchFails() {
        Mat bad = Mat.diag(1, Double.NaN, 2);
        try {
            Linalg.svd(bad);
        } catch (IllegalArgumentException expected) {
            return;   // LAPACK refused the NaN and the retry names it
        } catch (RuntimeException other) {
            throw new AssertionError("expected IllegalArgumentException, got " + other, other);
        }
        // some LAPACK builds return NaNs instead of failing: nothing to retry then
    }

    @Test
    void eighOfDiagonalGivesSortedValues() {
        Linalg.Eigh e = Linalg.eigh(Mat.diag(3, 1, 2));
        assertEquals(1, e.values()[0], 1e-14);
        assertEquals(2, e.values()[1], 1e-14);
        assertEquals(3, e.values()[2], 1e-14);
    }
}
