package io.scorescope.geometry;

import io.scorescope.field.Posterior;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/** Matrices with known structure for the geometry tests. */
public final class Fixtures {
    private Fixtures() {}

    /** The exact Gaussian score Jacobian -(diag(v) + sigma^2 I)^-1. */
    public static Mat gaussian(double[] v, double sigma) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = -1 / (v[i] + sigma * sigma);
        return Mat.diag(d);
    }

    /** omega (e_i e_j^T - e_j e_i^T): the Jacobian of g = omega (.., x_j at i, .., -x_i at j, ..). */
    public static Mat spin(int dim, int i, int j, double omega) {
        Mat m = new Mat(dim, dim);
        m.set(i, j, omega);
        m.set(j, i, -omega);
        return m;
    }

    /** Columns e_i for the given indices (D x k). */
    public static Mat frame(int dim, int... idx) {
        Mat m = new Mat(dim, idx.length);
        for (int c = 0; c < idx.length; c++) m.set(idx[c], c, 1);
        return m;
    }

    /** A random orthogonal matrix with det +1 (Gram-Schmidt on Gaussian columns). */
    public static Mat rotation(int dim, long seed) {
        Rng rng = new Rng(seed);
        Mat q = new Mat(dim, dim);
        for (int j = 0; j < dim; j++) {
            double[] c = rng.gaussian(dim);
            for (int k = 0; k < j; k++) c = Vec.axpy(c, -Vec.dot(c, q.col(k)), q.col(k));
            q.setCol(j, Vec.normalize(c));
        }
        if (determinantSign(q) < 0) q.setCol(0, Vec.scale(-1, q.col(0)));
        return q;
    }

    /** R X R^T. */
    public static Mat conj(Mat r, Mat x) { return r.times(x).times(r.transpose()); }

    /** Sign of the determinant via Gaussian elimination. */
    private static double determinantSign(Mat q) {
        Mat a = q.copy();
        int n = a.rows();
        double sign = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a.get(r, c)) > Math.abs(a.get(p, c))) p = r;
            if (p != c) { double[] t = a.row(p); a.setRow(p, a.row(c)); a.setRow(c, t); sign = -sign; }
            sign *= Math.signum(a.get(c, c));
            for (int r = c + 1; r < n; r++) {
                double f = a.get(r, c) / a.get(c, c);
                for (int k = c; k < n; k++) a.add(r, k, -f * a.get(c, k));
            }
        }
        return sign;
    }

    /** A posterior at x = 0 over 2n nodes +-a_i u (equal weights; Cov = mean a_i^2 u u^T, top eigenvector u). */
    public static Posterior linePosterior(double[] u, double sigma, int n) {
        int dim = u.length;
        Mat y = new Mat(2 * n, dim);
        for (int i = 0; i < n; i++) {
            double a = 0.1 * (i + 1);
            y.setRow(2 * i, Vec.scale(a, u));
            y.setRow(2 * i + 1, Vec.scale(-a, u));
        }
        return Posterior.at(new double[dim], sigma, y, new double[2 * n]);
    }
}
