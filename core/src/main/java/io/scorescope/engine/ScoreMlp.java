package io.scorescope.engine;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A sigma-conditioned multilayer perceptron F(u, f) with SiLU activations, its Adam optimiser state
 * and an exponential moving average (EMA) of its weights, all in libtorch tensors.
 * Layers: h_0 = [u, f], h_{l+1} = silu(h_l W_l + b_l), F = h_L W_L + b_L (output D, or 1 for an energy).
 * The score is assembled from F by a {@link Conditioning}.
 *
 * <p>Training runs in float32. Jacobians run in float64 on a double copy of the chosen weights:
 * forward mode through the layers for vector output (J_F = W_L^T diag(silu'(z_{L-1})) ... W_0[:D]^T,
 * one batched product chain, no autograd), and batched reverse mode (replicated batch, grad_outputs = I)
 * for any output, including the energy's Hessian. {@link #jvp} and {@link #vjp} use the same two modes
 * with one tangent (or cotangent) per point.
 */
public final class ScoreMlp extends AssembledNetwork {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private final int dim;
    private final int hidden;
    private final int depth;

    /** {@code params}: W_0, b_0, ..., W_L, b_L, stored back to back in one flat vector. */
    private ScoreMlp(int dim, int featureDim, int hidden, int depth, Output output, FlatParameters params) {
        super(featureDim, output, params);
        this.dim = dim;
        this.hidden = hidden;
        this.depth = depth;
    }

    /**
     * A freshly initialised network: depth hidden layers of width hidden; weights uniform in
     * +-sqrt(6 / fan_in) / sqrt(2) ... (He-uniform for SiLU), biases 0, last layer scaled by 0.1.
     * Initialisation draws only from {@code rng}, so it is reproducible on any machine.
     */
    public static ScoreMlp create(int dim, int featureDim, int hidden, int depth, Output output, Rng rng) {
        if (dim < 1 || hidden < 1 || depth < 1 || featureDim < 0) throw new IllegalArgumentException("bad network shape");
        int in = dim + featureDim;
        List<float[]> parts = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int l = 0; l <= depth; l++) {
            int out = l == depth ? outDim(dim, output) : hidden;
            double bound = Math.sqrt(3.0 / in) * (l == depth ? 0.1 : 1.0) * Math.sqrt(2);
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) w[i] = (float) rng.uniform(-bound, bound);
            shapes.add(new long[] {in, out});
            parts.add(w);
            shapes.add(new long[] {out});
            parts.add(new float[out]);
            in = hidden;
        }
        return new ScoreMlp(dim, featureDim, hidden, depth, output, FlatParameters.of(shapes, parts));
    }

    @Override public int dim() { return dim; }
    public int hidden() { return hidden; }
    public int depth() { return depth; }
    public int outDim() { return outDim(dim, output); }

    private static int outDim(int dim, Output output) { return output == Output.VECTOR ? dim : 1; }

    /**
     * Number of trainable scalars of a network of this shape, without building it (Long.MAX_VALUE when it
     * overflows): lets a reader reject a forged shape before allocating it.
     */
    public static long parameterCount(int dim, int featureDim, int hidden, int depth, Output output) {
        long out = outDim(dim, output);
        try {
            long first = Math.multiplyExact((long) dim + featureDim + 1, hidden);
            long middle = Math.multiplyExact(depth - 1L, Math.multiplyExact(hidden + 1L, hidden));
            return Math.addExact(Math.addExact(first, middle), Math.multiplyExact(hidden + 1L, out));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * The chosen weights layer by layer as "w0", "b0", ..., "wL", "bL" (W_l of shape [in, out], b_l of [out]),
     * the layout {@link #network} evaluates as h_{l+1} = silu(h_l W_l + b_l).
     */
    public Map<String, ParamArray> layerWeights(boolean useEma) {
        Map<String, ParamArray> out = new java.util.LinkedHashMap<>();
        try (Engine.Scope s = Engine.scope()) {
            List<Tensor> layers = params.float32(useEma);
            for (int i = 0; i < layers.size(); i++) {
                Tensor t = layers.get(i);
                long[] shape = new long[(int) t.dim()];
                for (int d = 0; d < shape.length; d++) shape[d] = t.size(d);
                out.put((i % 2 == 0 ? "w" : "b") + i / 2, new ParamArray(shape, Tensors.toFloatArray(t)));
            }
        }
        return out;
    }

    /** The scalar energy E(x) at each row (energy output only). */
    public double[] energy(Mat x, Conditioning c, boolean useEma) {
        if (output != Output.ENERGY) throw new IllegalStateException("not an energy network");
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            CoeffTensors k = CoeffTensors.of(c, torch.ScalarType.Float);
            Tensor xt = Tensors.float32(x);
            Tensor f = network(xt.mul(k.cIn()), k.feats(), params.float32(useEma));
            Tensor e = f.mul(k.b()).sub(xt.square().sum(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).mul(k.a()).mul(new Scalar(0.5)));
            return Tensors.toArray(e);
        }
    }

    /** Exact J = dg/dx at each row in float64: forward mode for vector output, reverse mode for energy. */
    @Override public Mat[] jacobian(Mat x, Conditioning c, boolean useEma) {
        return output == Output.VECTOR ? jacobianForward(x, c, useEma) : jacobianReverse(x, c, useEma);
    }

    /**
     * Forward mode through the layers (vector output) with the D tangents e_j per point ({@link #tangents});
     * tangent j is column j of J = a I + b cIn J_F.
     */
    public Mat[] jacobianForward(Mat x, Conditioning c, boolean useEma) {
        if (output != Output.VECTOR) throw new IllegalStateException("forward mode needs vector output; use jacobianReverse");
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            Tensor eye = torch.eye(dim).to(Engine.device(), torch.ScalarType.Double).unsqueeze(0);   // [1, D, D]
            Tensor cols = tangents(Tensors.float64(x), eye, CoeffTensors.of(c, torch.ScalarType.Double), params.float64(useEma));
            return Tensors.toMats(cols.transpose(1, 2));
        }
    }

    /**
     * Exact J(x_i) v_i in float64. Vector output: forward mode with one tangent per point ({@link #tangents}),
     * about the cost of one forward pass. Energy: J = a I - b cIn^2 Hess_u F is symmetric, so this is
     * {@link #vjp}, a Hessian-vector product by double backward.
     */
    @Override public Mat jvp(Mat x, Mat v, Conditioning c, boolean useEma) {
        if (output == Output.ENERGY) return vjp(x, v, c, useEma);
        check(x, c, v);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            Tensor dg = tangents(Tensors.float64(x), Tensors.float64(v).unsqueeze(1), CoeffTensors.of(c, torch.ScalarType.Double),
                    params.float64(useEma));
            return Tensors.toMat(dg.squeeze(1));
        }
    }

    /**
     * Batched reverse mode: every point is replicated D times and one backward pass with grad_outputs = I
     * gives all rows of its Jacobian. Works for both outputs (for the energy this is its Hessian).
     */
    @Override public Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma) {
        check(x, c);
        int n = x.rows();
        try (Engine.Scope s = Engine.scope()) {
            List<Tensor> w = params.float64(useEma);
            CoeffTensors k = CoeffTensors.of(c, torch.ScalarType.Double).repeatRows(dim);
            Tensor xr = Tensors.float64(x).repeat_interleave(dim, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional()).detach();   // [n*D, D]
            xr.set_requires_grad(true);
            Tensor g = scoreTensor(xr, k, w, true);
            Tensor eye = torch.eye(dim).to(Engine.device(), torch.ScalarType.Double).repeat(n, 1);
            return Tensors.toMats(Autograd.vjp(g, xr, eye).reshape(n, dim, dim));
        }
    }

    // ---------------------------------------------------------------- internals

    /** F(u, f) for the given weights. */
    private Tensor network(Tensor u, Tensor feats, List<Tensor> w) {
        Tensor h = torch.cat(new TensorVector(u, feats), 1);
        for (int l = 0; l < depth; l++) h = torch.silu(h.matmul(w.get(2 * l)).add(w.get(2 * l + 1)));
        return h.matmul(w.get(2 * depth)).add(w.get(2 * depth + 1));
    }

    /**
     * Forward-mode tangents of g (vector output) for k tangents dx [B or 1, k, D] per point, float64:
     * z'_0 = (cIn dx) W_0[:D], h'_l = silu'(z_l) z'_l, z'_{l+1} = h'_l W_{l+1}, F' = h'_{L-1} W_L,
     * dg = a dx + b F', with silu'(z) = s (1 + z (1 - s)), s = sigmoid(z). Returns dg [B, k, D].
     */
    private Tensor tangents(Tensor x, Tensor dx, CoeffTensors k, List<Tensor> w) {
        Tensor h = torch.cat(new TensorVector(x.mul(k.cIn()), k.feats()), 1);
        Tensor t = dx.mul(k.cIn().unsqueeze(2));
        for (int l = 0; l < depth; l++) {
            Tensor wl = w.get(2 * l), bl = w.get(2 * l + 1);
            Tensor z = h.matmul(wl).add(bl);
            Tensor sig = torch.sigmoid(z);
            Tensor dsilu = sig.mul(z.mul(sig.neg().add(new Scalar(1))).add(new Scalar(1)));
            t = dsilu.unsqueeze(1).mul(t.matmul(l == 0 ? wl.narrow(0, 0, dim) : wl));   // [B, k, H]
            h = z.mul(sig);
        }
        Tensor df = t.matmul(w.get(2 * depth));
        return dx.mul(k.a().unsqueeze(2)).add(df.mul(k.b().unsqueeze(2)));
    }

    /** Vector output: g = a x + b F(cIn x, f). Energy: F is the scalar itself, g = a x - b cIn grad_u F. */
    @Override protected Tensor scoreTensor(Tensor x, CoeffTensors k, List<Tensor> w, boolean createGraph) {
        if (output == Output.VECTOR) return x.mul(k.a()).add(network(x.mul(k.cIn()), k.feats(), w).mul(k.b()));
        return Autograd.energyScore(x, k, u -> network(u, k.feats(), w), createGraph);
    }
}
