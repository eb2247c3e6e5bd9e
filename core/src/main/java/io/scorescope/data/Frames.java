package io.scorescope.data;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/** Orthonormal frames (matrices with orthonormal columns): Gram–Schmidt, orthogonal complements, random frames. */
public final class Frames {
    private Frames() {}

    /** Columns v_1..v_k as a D x k matrix. */
    public static Mat columns(double[]... v) {
        Mat m = new Mat(v[0].length, v.length);
        for (int j = 0; j < v.length; j++) m.setCol(j, v[j]);
        return m;
    }

    /** Modified Gram–Schmidt (applied twice) on the columns of a; throws if they are (nearly) dependent. */
    public static Mat orthonormalize(Mat a) {
        Mat q = new Mat(a.rows(), a.cols());
        for (int j = 0; j < a.cols(); j++) {
            double[] v = a.col(j);
            double n0 = Vec.norm(v);
            for (int pass = 0; pass < 2; pass++)
                for (int i = 0; i < j; i++) v = Vec.axpy(v, -Vec.dot(q.col(i), v), q.col(i));
            double n = Vec.norm(v);
            if (!(n > 1e-10 * Math.max(n0, 1e-300))) throw new ArithmeticException("columns are linearly dependent");
            q.setCol(j, Vec.scale(1 / n, v));
        }
        return q;
    }

    /** An orthonormal basis (D x (D - k)) of the orthogonal complement of the span of q (D x k, orthonormal). */
    public static Mat complement(Mat q) {
        int dim = q.rows(), k = q.cols();
        double[][] basis = new double[dim][];
        for (int j = 0; j < k; j++) basis[j] = q.col(j);
        int m = k;
        while (m < dim) {
            double[] best = null;
            double bestNorm = -1;
            for (int e = 0; e < dim; e++) {
                double[] v = Vec.unit(dim, e);
                for (int pass = 0; pass < 2; pass++)
                    for (int i = 0; i < m; i++) v = Vec.axpy(v, -Vec.dot(basis[i], v), basis[i]);
                double n = Vec.norm(v);
                if (n > bestNorm) { bestNorm = n; best = v; }
            }
            basis[m++] = Vec.scale(1 / bestNorm, best);
        }
        Mat c = new Mat(dim, dim - k);
        for (int j = k; j < dim; j++) c.setCol(j - k, basis[j]);
        return c;
    }

    /** A random D x k frame (Haar-distributed span), determined by the seed. */
    public static Mat random(int dim, int k, long seed) {
        return orthonormalize(new Rng(seed).gaussian(dim, k));
    }
}
