package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.math.Mat;
import org.junit.jupiter.api.Test;

class LocalDimensionTest {
    @Test
    void gaussianThresholdAndSoftCountsAreExact() {
        double[] v = {0.001, 2.0, 0.5, 0.02};
        double sigma = 0.1, s2 = sigma * sigma;
        Mat j = Fixtures.conj(Fixtures.rotation(4, 3), Fixtures.gaussian(v, sigma));
        LocalDimension d = LocalDimension.of(j, LocalFeatures.of(j, sigma));
        double soft = 0;
        for (double x : v) soft += x / (x + s2);
        assertEquals(3, d.threshold());
        assertEquals(soft, d.soft(), 1e-10);
    }

    @Test
    void softCountUsesOnlyTheSymmetricPart() {
        Mat j = Mat.diag(-1, -2, -3).plus(Fixtures.spin(3, 0, 2, 5));
        assertEquals(3 + 0.25 * -6, LocalDimension.soft(j, 0.5), 1e-12);
    }

    @Test
    void logGapCountsTheSmallSingularValuesAfterTheLargestGap() {
        assertEquals(1, LocalDimension.logGap(new double[] {100, 90, 1}));   // gap after k = 2 normals
        assertEquals(2, LocalDimension.logGap(new double[] {100, 1, 0.9}));   // gap after k = 1
        assertEquals(2, LocalDimension.logGap(new double[] {5, 0, 0}));   // zero clamped: maximal finite gap
        assertEquals(2, LocalDimension.logGap(new double[] {2, 2, 2}));   // ties: first k
        assertEquals(Double.NaN, LocalDimension.logGap(new double[] {3}));
    }

    @Test
    void participationRatioUsesGainsAsGiven() {
        assertEquals(2, LocalDimension.participationRatio(new double[] {1, 1, 0}), 1e-15);
        assertEquals((0.9 + 0.1) * (0.9 + 0.1) / (0.81 + 0.01), LocalDimension.participationRatio(new double[] {0.9, 0.1}), 1e-15);
        assertEquals(0, LocalDimension.participationRatio(new double[] {1, -1}), 1e-15);
        assertEquals(3, LocalDimension.participationRatio(new double[] {1e-9, 1e-9, 1e-9}), 1e-12);   // scale-free
        assertEquals(Double.NaN, LocalDimension.participationRatio(new double[] {0, 0}));
    }
}
