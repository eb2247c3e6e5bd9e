package io.scorescope.geometry;

import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;

/**
 * A split R^D = T (+) N into a d-dimensional "tangent" subspace and its orthogonal "normal" complement,
 * each given by an orthonormal basis (D x d and D x (D - d) columns). Spec section 5: the learned split
 * (kept / removed features) or the true one (tangent / normal space of M at the closest point).
 *
 * <p>Block quantities are read off the rotated matrix Y = Q^T X Q with Q = [T | N]: the leading d x d
 * block of Y is T^T X T, so ||P_T X P_T||_F = ||Y_TT||_F, ||P_N X P_N||_2 = ||Y_NN||_2, and so on.
 * Structurally zero blocks (e.g. A_NN in codimension 1) therefore come out exactly zero.
 */
public record Subspace(Mat tangent, Mat normal) {
    public Subspace {
        if (tangent.rows() != normal.rows())
            throw new IllegalArgumentException("tangent " + tangent.shape() + " and normal " + normal.shape() + " differ in D");
        if (tangent.cols() + normal.cols() != tangent.rows())
            throw new IllegalArgumentException("dimensions " + tangent.cols() + " + " + normal.cols() + " != D = " + tangent.rows());
    }

    /** The split with tangent basis T (orthonormal columns, D x d; d may be 0) and N its complement (via eigh of I - T T^T). */
    public static Subspace fromTangent(Mat t) {
        int dim = t.rows(), d = t.cols();
        if (d == 0) return new Subspace(t, Mat.identity(dim));
        if (d == dim) return new Subspace(t, new Mat(dim, 0));
        Mat pn = Mat.identity(dim).minus(Mat.projector(t));
        Linalg.Eigh e = Linalg.eigh(pn);
        // eigenvalues of a projector are 0 (d times) then 1 (D - d times), ascending
        return new Subspace(t, e.vectors().cols(d, dim));
    }

    /** The split spanned by the given columns of an orthonormal D x D basis (tangent = those flagged true). */
    static Subspace fromColumns(Mat basis, boolean[] tangent) {
        int dim = basis.rows(), d = 0;
        for (boolean b : tangent) if (b) d++;
        Mat t = new Mat(dim, d), n = new Mat(dim, dim - d);
        int it = 0, in = 0;
        for (int j = 0; j < tangent.length; j++) {
            if (tangent[j]) t.setCol(it++, basis.col(j));
            else n.setCol(in++, basis.col(j));
        }
        return new Subspace(t, n);
    }

    /** D. */
    public int ambientDim() { return tangent.rows(); }

    /** d = dim T. */
    public int dim() { return tangent.cols(); }

    /** D - d. */
    public int codim() { return normal.cols(); }

    /** P_T = T T^T. */
    public Mat tangentProjector() { return Mat.projector(tangent); }

    /** P_N = N N^T. */
    public Mat normalProjector() { return Mat.projector(normal); }

    /** Q = [T | N], an orthogonal D x D matrix. */
    public Mat frame() {
        int dim = ambientDim(), d = dim();
        Mat q = new Mat(dim, dim);
        for (int j = 0; j < d; j++) q.setCol(j, tangent.col(j));
        for (int j = d; j < dim; j++) q.setCol(j, normal.col(j - d));
        return q;
    }

    /** Y = Q^T X Q: X in the (T, N) frame; the TT block is Y[0:d, 0:d], the NN block Y[d:D, d:D]. */
    public Mat rotate(Mat x) {
        Mat q = frame();
        return Linalg.times(Linalg.times(q.transpose(), x), q);
    }

    /** |P_N v|^2 = |N^T v|^2. */
    public double normalNorm2(double[] v) {
        double[] c = normal.transpose().times(v);
        double s = 0;
        for (double x : c) s += x * x;
        return s;
    }

    /** P_N v. */
    public double[] projectNormal(double[] v) {
        return normal.times(normal.transpose().times(v));
    }
}
