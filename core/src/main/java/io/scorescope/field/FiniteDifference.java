package io.scorescope.field;

import io.scorescope.math.Mat;

/**
 * Central finite differences, the black-box Jacobian path and the reference in gradient checks:
 * J[:, j] = (g(x + h e_j) - g(x - h e_j)) / (2h), with h = STEP * max(1, |x|_inf), and likewise
 * J v = (g(x + h v) - g(x - h v)) / (2h) along one direction.
 * Truncation error O(h^2 |g'''|), round-off O(eps |g| / h).
 */
public final class FiniteDifference {
    /** Default relative step; about eps^(1/3) for float64. */
    public static final double STEP = 1e-5;

    private FiniteDifference() {}

    public static Mat[] jacobian(ScoreField f, Mat x, double[] sigma) { return jacobian(f, x, sigma, STEP); }

    /** One batched evaluation of 2D perturbed copies of every point. */
    public static Mat[] jacobian(ScoreField f, Mat x, double[] sigma, double step) {
        int n = x.rows(), d = x.cols();
        Mat base = new Mat(n * d, d), dir = new Mat(n * d, d);
        double[] sig = new double[n * d], h = new double[n * d];
        for (int i = 0; i < n; i++) {
            double hi = step(x, i, step);
            for (int j = 0; j < d; j++) {
                int r = i * d + j;
                base.setRow(r, x.row(i));
                dir.set(r, j, 1);
                sig[r] = sigma[i];
                h[r] = hi;
            }
        }
        Mat cols = central(f, base, sig, dir, h);   // row i*d + j = column j of J(x_i)
        Mat[] out = new Mat[n];
        for (int i = 0; i < n; i++) out[i] = cols.rows(i * d, (i + 1) * d).transpose();
        return out;
    }

    public static Mat jvp(ScoreField f, Mat x, double[] sigma, Mat v) { return jvp(f, x, sigma, v, STEP); }

    /**
     * Jacobian-vector products J(x_i) v_i = (g(x_i + h_i v_i) - g(x_i - h_i v_i)) / (2 h_i), one batched
     * evaluation of 2n points; h_i = step * max(1, |x_i|_inf) / |v_i|_inf, so the displacement has the size
     * the Jacobian path uses. A zero v_i gives a zero row.
     */
    public static Mat jvp(ScoreField f, Mat x, double[] sigma, Mat v, double step) {
        if (v.rows() != x.rows() || v.cols() != x.cols())
            throw new IllegalArgumentException("tangents " + v.shape() + " do not match points " + x.shape());
        double[] h = new double[x.rows()];
        for (int i = 0; i < h.length; i++) {
            double vmax = 0;
            for (int j = 0; j < x.cols(); j++) vmax = Math.max(vmax, Math.abs(v.get(i, j)));
            h[i] = step(x, i, step) / (vmax > 0 ? vmax : 1);
        }
        return central(f, x, sigma, v, h);
    }

    /** h = step * max(1, |x_i|_inf). */
    private static double step(Mat x, int i, double step) {
        double scale = 1;
        for (int j = 0; j < x.cols(); j++) scale = Math.max(scale, Math.abs(x.get(i, j)));
        return step * scale;
    }

    /** Row r = (g(b_r + h_r d_r) - g(b_r - h_r d_r)) / (2 h_r), with one score call on 2m interleaved rows. */
    private static Mat central(ScoreField f, Mat base, double[] sigma, Mat dir, double[] h) {
        int m = base.rows(), d = base.cols();
        Mat pts = new Mat(2 * m, d);
        double[] sig = new double[2 * m];
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < 2; s++) {
                double step = s == 0 ? h[r] : -h[r];
                for (int k = 0; k < d; k++) pts.set(2 * r + s, k, base.get(r, k) + step * dir.get(r, k));
                sig[2 * r + s] = sigma[r];
            }
        }
        Mat g = f.score(pts, sig);
        Mat out = new Mat(m, g.cols());
        for (int r = 0; r < m; r++)
            for (int k = 0; k < g.cols(); k++) out.set(r, k, (g.get(2 * r, k) - g.get(2 * r + 1, k)) / (2 * h[r]));
        return out;
    }

    /** Gradient of a scalar function of a point, by central differences (for log-density checks). */
    public static double[] gradient(java.util.function.ToDoubleFunction<double[]> f, double[] x, double step) {
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double[] p = x.clone(), m = x.clone();
            p[j] += step;
            m[j] -= step;
            g[j] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * step);
        }
        return g;
    }
}
