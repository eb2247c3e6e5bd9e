package io.scorescope.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scorescope.data.Frames;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ClassicalEstimatorsTest {
    /** 2000 uniform points of the unit 3-cube, rotated into R^10. */
    static Mat flatPlane() {
        Rng r = new Rng(5);
        Mat u = new Mat(2000, 3);
        for (int i = 0; i < u.data().length; i++) u.data()[i] = r.uniform();
        return u.times(Frames.random(10, 3, 6).transpose());
    }

    @Test
    void mleAndTwoNnFindTheFlatThreePlane() {
        LidProblem p = LidProblem.allRows(flatPlane(), null, 0);
        LidResult mle = LidEstimators.parse("mle").run(p), twonn = LidEstimators.parse("twonn").run(p);
        assertEquals(3, mle.global(), 0.3, "mle " + mle.global());
        assertEquals(3, twonn.global(), 0.3, "twonn " + twonn.global());
        assertEquals(3, LidEstimators.parse("lpca:k=40").run(p).median(), 0);
    }

    @Test
    void mleOfHandComputedDistances() {
        // T = 1, 2, 4: (1/2)(log 4 + log 2) = 1.5 log 2
        assertEquals(1 / (1.5 * Math.log(2)), MleEstimator.estimate(new double[] {1, 2, 4}), 1e-15);
        assertEquals(Double.NaN, MleEstimator.estimate(new double[] {0, 2, 4}));
    }

    @Test
    void twoNnOfHandComputedRatios() {
        // points 0, 1, 3, 7 on a line: (r1, r2) = (1, 3), (1, 2), (2, 3), (4, 6)
        Mat x = Mat.column(0, 1, 3, 7);
        double[] logMu = TwoNnEstimator.logRatios(x);
        assertArrayEquals(new double[] {Math.log(3), Math.log(2), Math.log(1.5), Math.log(1.5)}, logMu, 1e-15);
        assertEquals(4 / (Math.log(3) + Math.log(2) + 2 * Math.log(1.5)), TwoNnEstimator.mle(logMu, new int[] {0, 1, 2, 3}), 1e-15);
    }

    @Test
    void localPcaCountsTheExplainedVariance() {
        assertEquals(2, LocalPcaEstimator.explained(new double[] {0.01, 0.04, 1, 4}, 0.95));
        assertEquals(3, LocalPcaEstimator.explained(new double[] {0.01, 0.04, 1, 4}, 0.995));
        assertEquals(4, LocalPcaEstimator.explained(new double[] {0.01, 0.04, 1, 4}, 0.999));
        assertEquals(0, LocalPcaEstimator.explained(new double[] {0, 0}, 0.95));
    }

    @Test
    void normalBundleRules() {
        assertEquals(2, NormalBundleEstimator.gapRule(new double[] {10, 9, 1, 0.5}));   // largest gap after 2 normals
        assertEquals(1, NormalBundleEstimator.gapRule(new double[] {10, 9, 8, 0.5}));
        assertEquals(2, NormalBundleEstimator.thresholdRule(new double[] {10, 2, 1, 0.5}, 1)); // cut 0.1353
        assertEquals(3, NormalBundleEstimator.thresholdRule(new double[] {10, 2, 1, 0.5}, 0.5)); // cut 0.3679
    }

    @Test
    void concordanceAndMaeOnHandComputedCases() {
        // comparable pairs (0,2),(0,3),(1,2),(1,3),(2,3); (1,2) tied in the estimate
        assertEquals(4.5 / 5, LidMetrics.concordance(new double[] {1, 2, 2, 3}, new int[] {1, 1, 2, 3}), 1e-15);
        assertEquals(0, LidMetrics.concordance(new double[] {3, 2, 1}, new int[] {1, 2, 3}), 0);
        assertEquals(Double.NaN, LidMetrics.concordance(new double[] {3, 2}, new int[] {2, 2}));
        assertEquals((0.5 + 1 + 0) / 3, LidMetrics.mae(new double[] {1.5, 1, 3, Double.NaN}, new int[] {1, 2, 3, 4}), 1e-15);
    }

    @Property(tries = 60)
    void knnMatchesAFullSort(@ForAll @IntRange(min = 2, max = 60) int n, @ForAll @IntRange(min = 1, max = 5) int dim,
                             @ForAll @IntRange(min = 1, max = 59) int k, @ForAll long seed) {
        int kk = Math.min(k, n - 1);
        Rng r = new Rng(seed);
        Mat x = new Mat(n, dim);
        // coarse grid values, so that ties occur and the tie rule is exercised
        for (int i = 0; i < x.data().length; i++) x.data()[i] = r.nextInt(4);
        int[] queries = IntStream.range(0, n).filter(i -> i % 3 == 0).toArray();
        Knn.Neighbours nb = Knn.of(x, queries, kk);
        for (int q = 0; q < queries.length; q++) {
            int self = queries[q];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = Math.sqrt(io.scorescope.math.Vec.dist2(x.row(i), x.row(self)));
            int[] expected = IntStream.range(0, n).filter(i -> i != self).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
                    .limit(kk).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, nb.index()[q]);
            assertArrayEquals(Arrays.stream(expected).mapToDouble(i -> d[i]).toArray(), nb.dist()[q], 0);
        }
    }
}
