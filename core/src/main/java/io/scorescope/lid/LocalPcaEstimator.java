package io.scorescope.lid;

import io.scorescope.engine.Linalg;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;

/**
 * Local PCA: the covariance C of the point and its k nearest neighbours (centred at their mean), eigenvalues
 * lambda_1 >= ... >= lambda_D, and the estimate is the smallest m with sum_{i<=m} lambda_i >= f * sum_i lambda_i
 * (explained-variance fraction f, default 0.95, fixed). Needs k >= d to be able to see dimension d, and curvature
 * inside the neighbourhood adds variance along the normals, so it tends to overestimate on curved data and
 * underestimate when k is small against d.
 */
public final class LocalPcaEstimator implements LidEstimator {
    public static final double DEFAULT_FRACTION = 0.95;
    private final int k;
    private final double fraction;

    public LocalPcaEstimator(int k, double fraction) {
        if (k < 2) throw new InputException("lpca: k must be >= 2, got " + k);
        if (!(fraction > 0 && fraction < 1)) throw new InputException("lpca: variance fraction must be in (0, 1), got " + fraction);
        this.k = k;
        this.fraction = fraction;
    }

    @Override public String name() { return "lpca"; }

    @Override public String rule() {
        return "local PCA on the point and its k=" + k + " nearest neighbours: smallest m with explained variance >= " + fraction;
    }

    @Override public boolean needsField() { return false; }

    @Override public Estimates estimate(LidProblem p) {
        Mat data = p.data();
        int kk = Math.min(k, data.rows() - 1), dim = data.cols();
        Knn.Neighbours nb = Knn.of(data, p.queries(), kk);
        Mat[] cov = new Mat[p.queries().length];
        for (int q = 0; q < cov.length; q++) {
            int[] rows = new int[kk + 1];
            rows[0] = p.queries()[q];
            System.arraycopy(nb.index()[q], 0, rows, 1, kk);
            cov[q] = covariance(data, rows);
        }
        Linalg.Eigh[] e = Linalg.eigh(cov);
        double[] out = new double[cov.length];
        for (int q = 0; q < out.length; q++) out[q] = explained(e[q].values(), fraction);
        return Estimates.ofMean(out, null);
    }

    /** Smallest m with the top-m eigenvalues (of the ascending array) reaching the fraction of the total; 0 if all vanish. */
    public static int explained(double[] ascending, double fraction) {
        double total = 0;
        for (double v : ascending) total += Math.max(v, 0);
        if (total <= 0) return 0;
        double s = 0;
        for (int m = 1; m <= ascending.length; m++) {
            s += Math.max(ascending[ascending.length - m], 0);
            if (s >= fraction * total) return m;
        }
        return ascending.length;
    }

    static Mat covariance(Mat data, int[] rows) {
        int d = data.cols();
        double[] mean = new double[d];
        for (int r : rows) for (int j = 0; j < d; j++) mean[j] += data.get(r, j) / rows.length;
        Mat c = new Mat(d, d);
        for (int r : rows)
            for (int a = 0; a < d; a++) {
                double xa = data.get(r, a) - mean[a];
                for (int b = 0; b <= a; b++) c.add(a, b, xa * (data.get(r, b) - mean[b]) / rows.length);
            }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) c.set(b, a, c.get(a, b));
        return c;
    }
}
