package io.scorescope.lid;

import io.scorescope.io.InputException;

/**
 * Levina–Bickel (2004) maximum-likelihood estimate from the distances T_1 <= ... <= T_k of the k nearest neighbours:
 * m_k(x) = [ (1/(k-1)) sum_{j=1}^{k-1} log(T_k / T_j) ]^{-1}. Global summary with the MacKay–Ghahramani (2005)
 * correction: the inverse of the mean inverse, m = [ (1/m) sum_i 1/m_k(x_i) ]^{-1} over the queries (averaging the
 * inverses is the unbiased combination; averaging the m_k themselves is biased upwards). A point whose nearest
 * neighbour is a duplicate (T_1 = 0) gets NaN and is left out of both summaries.
 */
public final class MleEstimator implements LidEstimator {
    private final int k;

    public MleEstimator(int k) {
        if (k < 2) throw new InputException("mle: k must be >= 2, got " + k);
        this.k = k;
    }

    @Override public String name() { return "mle"; }

    @Override public String rule() {
        return "Levina-Bickel MLE, k=" + k + ": m = [(1/(k-1)) sum_{j<k} log(T_k/T_j)]^-1; global = 1/mean(1/m) (MacKay-Ghahramani)";
    }

    @Override public boolean needsField() { return false; }

    @Override public Estimates estimate(LidProblem p) {
        int kk = Math.min(k, p.data().rows() - 1);
        Knn.Neighbours nb = Knn.of(p.data(), p.queries(), kk);
        double[] m = new double[p.queries().length];
        double inv = 0;
        int count = 0;
        for (int q = 0; q < m.length; q++) {
            m[q] = estimate(nb.dist()[q]);
            if (Double.isFinite(m[q]) && m[q] > 0) { inv += 1 / m[q]; count++; }
        }
        return new Estimates(m, null, count == 0 ? Double.NaN : count / inv, "1/mean(1/m) over the queries (MacKay-Ghahramani)");
    }

    /** m_k from ascending neighbour distances T_1..T_k (k = t.length). */
    public static double estimate(double[] t) {
        int k = t.length;
        if (t[0] <= 0) return Double.NaN;
        double s = 0;
        for (int j = 0; j < k - 1; j++) s += Math.log(t[k - 1] / t[j]);
        return s > 0 ? (k - 1) / s : Double.NaN;
    }
}
