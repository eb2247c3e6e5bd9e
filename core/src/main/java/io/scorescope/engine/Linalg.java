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
    private Linalg() {}

    /** J = U diag(s) V^T with s descending; u and v hold the singular vectors as columns. */
    public record Svd(Mat u, double[] s, Mat v) {}

    /** S = V diag(values) V^T with values ascending; vectors as columns. */
    public record Eigh(double[] values, Mat vectors) {}

    public static Svd svd(Mat m) { return svd(new Mat[] {m})[0]; }

    public static Svd[] svd(Mat[] ms) {
        if (ms.length == 0) return new Svd[0];
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

    /** ||M||_2, the largest singular value. */
    public static double spectralNorm(Mat m) {
        if (m.rows() == 0 || m.cols() == 0) return 0;
        return singularValues(m)[0];
    }
}
