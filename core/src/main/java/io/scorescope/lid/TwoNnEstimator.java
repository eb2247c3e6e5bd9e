package io.scorescope.lid;

import io.scorescope.io.InputException;
import java.util.stream.IntStream;

/**
 * TwoNN (Facco et al. 2017), maximum-likelihood form. With mu_i = r_2(x_i)/r_1(x_i) the ratio of the second to the
 * first neighbour distance, mu is Pareto(d) on a d-manifold of locally uniform density, whose MLE is
 * d = N / sum_i log mu_i. Global: that MLE over all N data rows (not the linear fit of -log(1 - F(mu)) against log mu,
 * and no discarding of the largest ratios). Per point: the same MLE pooled over the point and its k - 1 nearest
 * neighbours, d(x) = k / sum_{j in {x} u N_{k-1}(x)} log mu_j. Rows with a duplicate (r_1 = 0) are left out.
 */
public final class TwoNnEstimator implements LidEstimator {
    private final int k;

    public TwoNnEstimator(int k) {
        if (k < 2) throw new InputException("twonn: k must be >= 2, got " + k);
        this.k = k;
    }

    @Override public String name() { return "twonn"; }

    @Override public String rule() {
        return "TwoNN MLE d = N/sum log(r2/r1); global over all rows, per point pooled over the point and its "
                + (k - 1) + " nearest neighbours (k=" + k + ")";
    }

    @Override public boolean needsField() { return false; }

    @Override public Estimates estimate(LidProblem p) {
        int n = p.data().rows();
        double[] logMu = logRatios(p.data());
        int kk = Math.min(k, n);
        Knn.Neighbours nb = Knn.of(p.data(), p.queries(), kk - 1);
        double[] d = new double[p.queries().length];
        for (int q = 0; q < d.length; q++) {
            int[] pool = new int[kk];
            pool[0] = p.queries()[q];
            System.arraycopy(nb.index()[q], 0, pool, 1, kk - 1);
            d[q] = mle(logMu, pool);
        }
        return new Estimates(d, null, mle(logMu, IntStream.range(0, n).toArray()), "MLE N/sum log mu over all " + n + " rows");
    }

    /** log(r2/r1) of every row (NaN when r1 = 0). */
    static double[] logRatios(io.scorescope.math.Mat data) {
        int n = data.rows();
        Knn.Neighbours two = Knn.of(data, IntStream.range(0, n).toArray(), 2);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double r1 = two.dist()[i][0], r2 = two.dist()[i][1];
            out[i] = r1 > 0 ? Math.log(r2 / r1) : Double.NaN;
        }
        return out;
    }

    /** count / sum of the finite log mu over the rows in pool. */
    static double mle(double[] logMu, int[] pool) {
        double s = 0;
        int c = 0;
        for (int i : pool) if (Double.isFinite(logMu[i])) { s += logMu[i]; c++; }
        return s > 0 ? c / s : Double.NaN;
    }
}
