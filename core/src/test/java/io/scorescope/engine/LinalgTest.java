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

    @Test
    void eighOfDiagonalGivesSortedValues() {
        Linalg.Eigh e = Linalg.eigh(Mat.diag(3, 1, 2));
        assertEquals(1, e.values()[0], 1e-14);
        assertEquals(2, e.values()[1], 1e-14);
        assertEquals(3, e.values()[2], 1e-14);
    }
}
