package io.scorescope.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SampleStatsTest {
    @Test
    void averageRanksSplitTies() {
        assertArrayEquals(new double[] {1, 2, 3.5, 5, 3.5}, SampleStats.averageRanks(new double[] {5, 6, 7, 8, 7}), 0);
        assertArrayEquals(new double[] {2, 2, 2}, SampleStats.averageRanks(new double[] {4, 4, 4}), 0);
    }

    /** By hand: ranks y = (1, 2, 3.5, 5, 3.5); sum dx dy = 8, sum dx^2 = 10, sum dy^2 = 9.5: rho = 8 / sqrt(95). */
    @Test
    void spearmanMatchesHandComputedValues() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(8 / Math.sqrt(95), SampleStats.spearman(x, new double[] {5, 6, 7, 8, 7}), 1e-15);
        assertEquals(-1, SampleStats.spearman(x, new double[] {10, 3, 2, 1, -7}), 1e-15);
        // y = (0, 0, 1, 1, 2): ranks (1.5, 1.5, 3.5, 3.5, 5); dy = (-1.5, -1.5, .5, .5, 2): sxy = 3+1.5+0+.5+4 = 9, syy = 9
        assertEquals(9 / Math.sqrt(90), SampleStats.spearman(x, new double[] {0, 0, 1, 1, 2}), 1e-15);
        assertEquals(Double.NaN, SampleStats.spearman(x, new double[] {2, 2, 2, 2, 2}));
    }

    @Test
    void medianMeanAndSdIgnoreNaN() {
        assertEquals(2, SampleStats.median(new double[] {3, Double.NaN, 1, 2}), 0);
        assertEquals(2.5, SampleStats.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(Double.NaN, SampleStats.median(new double[] {Double.NaN}));
        assertEquals(2, SampleStats.mean(new double[] {1, Double.NaN, 3}), 0);
        assertEquals(Math.sqrt(2), SampleStats.sampleSd(new double[] {1, 3, Double.NaN}), 1e-15);
        assertEquals(Double.NaN, SampleStats.sampleSd(new double[] {1}));
    }
}
