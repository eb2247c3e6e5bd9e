package io.scorescope.field;

import io.scorescope.math.Mat;

/**
 * Central finite differences, the black-box Jacobian path and the reference in gradient checks:
 * J[:, j] = (g(x + h e_j) - g(x - h e_j)) / (2h), with h = STEP * max(1, |x|_inf).
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
        Mat pts = new Mat(n * 2 * d, d);
        double[] sig = new double[n * 2 * d];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = 1;
            for (int j = 0; j < d; j++) scale = Math.max(scale, Math.abs(x.get(i, j)));
            h[i] = step * scale;
            for (int j = 0; j < d; j++) {
                for (int s = 0; s < 2; s++) {
                    int r = (i * d + j) * 2 + s;
                    for (int k = 0; k < d; k++) pts.set(r, k, x.get(i, k));
                    pts.add(r, j, s == 0 ? h[i] : -h[i]);
                    sig[r] = sigma[i];
                }
            }
        }
        Mat g = f.score(pts, sig);
        Mat[] out = new Mat[n];
        for (int i = 0; i < n; i++) {
            Mat jac = new Mat(d, d);
            for (int j = 0; j < d; j++) {
                int rp = (i * d + j) * 2, rm = rp + 1;
                for (int k = 0; k < d; k++) jac.set(k, j, (g.get(rp, k) - g.get(rm, k)) / (2 * h[i]));
            }
            out[i] = jac;
        }
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
