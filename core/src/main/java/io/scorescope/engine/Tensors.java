package io.scorescope.engine;

import io.scorescope.math.Mat;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Conversions between {@link Mat} and native tensors. Package-private: JavaCPP stays here. */
final class Tensors {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private Tensors() {}

    static Tensor float64(Mat m) {
        Tensor t = Tensor.create(m.data(), m.rows(), m.cols());
        return t.to(Engine.device(), torch.ScalarType.Double);
    }

    static Tensor float32(Mat m) {
        float[] f = new float[m.data().length];
        double[] d = m.data();
        for (int i = 0; i < f.length; i++) f[i] = (float) d[i];
        return Tensor.create(f, m.rows(), m.cols()).to(Engine.device(), torch.ScalarType.Float);
    }

    static Tensor float64(double[] v) {
        return Tensor.create(v, v.length).to(Engine.device(), torch.ScalarType.Double);
    }

    static Tensor float32(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) v[i];
        return Tensor.create(f, v.length).to(Engine.device(), torch.ScalarType.Float);
    }

    /** [n, r, c] double tensor from n equal-shaped matrices. */
    static Tensor stack(Mat[] ms) {
        int r = ms[0].rows(), c = ms[0].cols();
        double[] all = new double[ms.length * r * c];
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].rows() != r || ms[i].cols() != c) throw new IllegalArgumentException("unequal shapes in batch");
            System.arraycopy(ms[i].data(), 0, all, i * r * c, r * c);
        }
        return Tensor.create(all, ms.length, r, c).to(Engine.device(), torch.ScalarType.Double);
    }

    /** All elements as doubles, row-major. */
    static double[] toArray(Tensor t) {
        Tensor c = t.detach().to(new org.bytedeco.pytorch.Device("cpu"), torch.ScalarType.Double).contiguous();
        long n = c.numel();
        double[] out = new double[Math.toIntExact(n)];
        DoubleBuffer b = c.createBuffer();
        b.get(out);
        return out;
    }

    static float[] toFloatArray(Tensor t) {
        Tensor c = t.detach().to(new org.bytedeco.pytorch.Device("cpu"), torch.ScalarType.Float).contiguous();
        float[] out = new float[Math.toIntExact(c.numel())];
        FloatBuffer b = c.createBuffer();
        b.get(out);
        return out;
    }

    /** A 2-D tensor as a matrix. */
    static Mat toMat(Tensor t) {
        if (t.dim() != 2) throw new IllegalArgumentException("expected 2-D tensor, got " + t.dim() + "-D");
        return new Mat((int) t.size(0), (int) t.size(1), toArray(t));
    }

    /** A 3-D tensor [n, r, c] as n matrices. */
    static Mat[] toMats(Tensor t) {
        int n = (int) t.size(0), r = (int) t.size(1), c = (int) t.size(2);
        double[] all = toArray(t);
        Mat[] out = new Mat[n];
        for (int i = 0; i < n; i++) {
            double[] d = new double[r * c];
            System.arraycopy(all, i * r * c, d, 0, r * c);
            out[i] = new Mat(r, c, d);
        }
        return out;
    }

    /** A 2-D tensor [n, k] as n rows. */
    static double[][] toRows(Tensor t) {
        int n = (int) t.size(0), k = (int) t.size(1);
        double[] all = toArray(t);
        double[][] out = new double[n][k];
        for (int i = 0; i < n; i++) System.arraycopy(all, i * k, out[i], 0, k);
        return out;
    }
}
