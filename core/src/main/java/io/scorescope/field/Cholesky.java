package io.scorescope.field;

import io.scorescope.math.Mat;

/**
 * Cholesky factor C = L L^T of a symmetric positive-definite matrix, in plain Java (O(D^3/3) once, then
 * O(D^2) per solve): solves C^{-1} v, forms C^{-1}, and log det C = 2 sum_i log L_ii.
 * Meant for the small D of analytic fields (up to a few hundred).
 */
public final class Cholesky {
    private final int n;
    private final double[] l; // lower triangle, row-major n x n

    private Cholesky(int n, double[] l) { this.n = n; this.l = l; }

    /** Factors c (only the lower triangle is read); throws IllegalArgumentException if c is not positive definite. */
    public static Cholesky of(Mat c) {
        int n = c.rows();
        if (c.cols() != n) throw new IllegalArgumentException("Cholesky needs a square matrix, got " + c.shape());
        double[] a = c.data();
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > 0)) throw new IllegalArgumentException("matrix is not positive definite (pivot " + j + " = " + d + ")");
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
        return new Cholesky(n, l);
    }

    public int dim() { return n; }

    /** The factor L (lower triangular). */
    public Mat factor() { return new Mat(n, n, l.clone()); }

    /** log det C = 2 sum_i log L_ii. */
    public double logDet() {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(l[i * n + i]);
        return 2 * s;
    }

    /** C^{-1} v by forward and back substitution. */
    public double[] solve(double[] v) {
        if (v.length != n) throw new IllegalArgumentException("vector length " + v.length + " != " + n);
        double[] y = v.clone();
        for (int i = 0; i < n; i++) {
            double s = y[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * y[k];
            y[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * y[k];
            y[i] = s / l[i * n + i];
        }
        return y;
    }

    /** C^{-1}, exactly symmetric. */
    public Mat inverse() {
        Mat inv = new Mat(n, n);
        for (int j = 0; j < n; j++) inv.setCol(j, solve(unit(j)));
        return inv.symmetricPart();
    }

    private double[] unit(int j) { double[] e = new double[n]; e[j] = 1; return e; }
}
