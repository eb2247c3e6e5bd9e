package io.scorescope.engine;

import io.scorescope.math.Mat;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Decompositions in float64 through libtorch's LAPACK bindings. Batched: one call for many
 * matrices of the same shape. Use {@link #singularValues} or {@link #eigh} when vectors are
 * not needed (2-3x cheaper than the full SVD at D = 784).
 */
public final class Linalg {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private Linalg() {}

    /** J = U diag(s) V^T with s descending; u and v hold the singular vectors as columns. */
    public record Svd(Mat u, double[] s, Mat v) {}

    /** S = V diag(values) V^T with values ascending; vectors as columns. */
    public record Eigh(double[] values, Mat vectors) {}

    public static Svd svd(Mat m) { return svd(new Mat[] {m})[0]; }

    /**
     * Batched SVD. LAPACK's gesdd (libtorch's CPU driver) occasionally fails to converge on finite matrices ("ill-
     * conditioned or too many repeated singular values"; seen on D = 784 Hessians of the energy control with entries
     * ~1e-3). Then each matrix is retried alone, rescaled to max |entry| = 1 ({@link #rescaled}) and transposed
     * ({@link #transposed}), in that order; non-finite entries are an IllegalArgumentException.
     */
    public static Svd[] svd(Mat[] ms) {
        if (ms.length == 0) return new Svd[0];
        try {
            return batch(ms);
        } catch (RuntimeException failed) {
            Svd[] out = new Svd[ms.length];
            for (int i = 0; i < ms.length; i++) out[i] = retrying(ms[i], failed);
            return out;
        }
    }

    private static Svd retrying(Mat m, RuntimeException failed) {
        for (double v : m.data())
            if (!Double.isFinite(v)) throw new IllegalArgumentException("SVD of a " + m.shape() + " matrix with non-finite entries", failed);
        try {
            return batch(new Mat[] {m})[0];
        } catch (RuntimeException e) {
            try {
                return rescaled(m);
            } catch (RuntimeException e2) {
                try {
                    return transposed(m);
                } catch (RuntimeException e3) {
                    failed.addSuppressed(e3);
                    throw failed;
                }
            }
        }
    }

    /** The SVD of m from that of m / max|m_ij| (singular values scaled back). */
    static Svd rescaled(Mat m) {
        double c = 0;
        for (double v : m.data()) c = Math.max(c, Math.abs(v));
        if (c == 0) return batch(new Mat[] {m})[0];
        Svd s = batch(new Mat[] {m.scale(1 / c)})[0];
        double[] sv = s.s().clone();
        for (int i = 0; i < sv.length; i++) sv[i] *= c;
        return new Svd(s.u(), sv, s.v());
    }

    /** The SVD of m from that of m^T (U and V swapped). */
    static Svd transposed(Mat m) {
        Svd t = batch(new Mat[] {m.transpose()})[0];
        return new Svd(t.v(), t.s(), t.u());
    }

    private static Svd[] batch(Mat[] ms) {
        try (Engine.Scope s = Engine.scope()) {
            Tensor t = Tensors.stack(ms);
            T_TensorTensorTensor_T usv = torch.linalg_svd(t, false, new org.bytedeco.pytorch.StringViewOptional());
            Mat[] u = Tensors.toMats(usv.get0());
            double[][] sv = Tensors.toRows(usv.get1());
            Mat[] vh = Tensors.toMats(usv.get2());
            Svd[] out = new Svd[ms.length];
            for (int i = 0; i < ms.length; i++) out[i] = new Svd(u[i], sv[i], vh[i].transpose());
            return out;
        }
    }

    public static double[] singularValues(Mat m) { return singularValues(new Mat[] {m})[0]; }

    public static double[][] singularValues(Mat[] ms) {
        if (ms.length == 0) return new double[0][];
        try (Engine.Scope s = Engine.scope()) {
            return Tensors.toRows(torch.linalg_svdvals(Tensors.stack(ms)));
        }
    }

    /** Eigen-decomposition of symmetric matrices (only the lower triangle is read). */
    public static Eigh[] eigh(Mat[] ms) {
        if (ms.length == 0) return new Eigh[0];
        try (Engine.Scope s = Engine.scope()) {
            T_TensorTensor_T ev = torch.linalg_eigh(Tensors.stack(ms));
            double[][] vals = Tensors.toRows(ev.get0());
            Mat[] vecs = Tensors.toMats(ev.get1());
            Eigh[] out = new Eigh[ms.length];
            for (int i = 0; i < ms.length; i++) out[i] = new Eigh(vals[i], vecs[i]);
            return out;
        }
    }

    public static Eigh eigh(Mat m) { return eigh(new Mat[] {m})[0]; }

    /**
     * For each query row, the indices of its k nearest reference rows in Euclidean distance, nearest first: a
     * batched float64 search over |r|^2 - 2 q . r (|q|^2 is the same for every reference row; ties and near-ties
     * within round-off may come in either order).
     */
    public static int[][] nearestRows(Mat queries, Mat refs, int k) {
        if (queries.cols() != refs.cols()) throw new IllegalArgumentException("dimension mismatch " + queries.cols() + " vs " + refs.cols());
        if (k < 1 || k > refs.rows()) throw new IllegalArgumentException(k + " neighbours among " + refs.rows() + " reference rows");
        int[][] out = new int[queries.rows()][];
        try (Engine.Scope s = Engine.scope()) {
            Tensor r = Tensors.float64(refs);
            Tensor r2 = r.square().sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).unsqueeze(0);
            int chunk = Math.max(1, (int) Math.min(queries.rows(), (1L << 25) / Math.max(1, refs.rows())));
            for (int from = 0; from < queries.rows(); from += chunk) {
                int to = Math.min(queries.rows(), from + chunk);
                try (Engine.Scope inner = Engine.scope()) {
                    Tensor d = r2.sub(Tensors.float64(queries.rows(from, to)).matmul(r.t()).mul(new org.bytedeco.pytorch.Scalar(2)));
                    double[][] idx = Tensors.toRows(d.topk(k, 1, false, true).get1());
                    for (int i = 0; i < idx.length; i++) out[from + i] = java.util.Arrays.stream(idx[i]).mapToInt(v -> (int) v).toArray();
                }
            }
        }
        return out;
    }

    /** A B in float64 by libtorch's matmul (BLAS); for large products where {@link Mat#times(Mat)} is slow. */
    public static Mat times(Mat a, Mat b) {
        if (a.cols() != b.rows()) throw new IllegalArgumentException("shape " + a.shape() + " * " + b.shape());
        try (Engine.Scope s = Engine.scope()) {
            return Tensors.toMat(Tensors.float64(a).matmul(Tensors.float64(b)));
        }
    }

    /** A^T diag(w) A in float64 by libtorch's matmul: the weighted Gram matrix of the rows of A. */
    public static Mat weightedGram(Mat a, double[] w) {
        if (w.length != a.rows()) throw new IllegalArgumentException(w.length + " weights for " + a.rows() + " rows");
        try (Engine.Scope s = Engine.scope()) {
            Tensor t = Tensors.float64(a);
            return Tensors.toMat(t.mul(Tensors.float64(w).unsqueeze(1)).t().matmul(t));
        }
    }

    /** ||M||_2, the largest singular value. */
    public static double spectralNorm(Mat m) {
        if (m.rows() == 0 || m.cols() == 0) return 0;
        return singularValues(m)[0];
    }
}
