package io.scorescope.engine;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.BoolOptional;
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
 * for any output, including the energy's Hessian.
 */
public final class ScoreMlp {
    /** What F returns. */
    public enum Output { VECTOR, ENERGY }

    /** Adam hyper-parameters. */
    public record AdamConfig(double beta1, double beta2, double eps) {
        public static final AdamConfig DEFAULT = new AdamConfig(0.9, 0.999, 1e-8);
    }

    private final int dim;
    private final int featureDim;
    private final int hidden;
    private final int depth;
    private final Output output;
    /** Shapes of W_0, b_0, ..., W_L, b_L, stored back to back in one flat vector. */
    private final List<long[]> shapes = new ArrayList<>();
    private Tensor params;   // flat float32 leaf, requires grad
    private Tensor ema;      // flat EMA of params
    private Tensor adamM;
    private Tensor adamV;
    private long adamSteps;
    private Tensor doubleLive;   // cached float64 copies for Jacobians; null when stale
    private Tensor doubleEma;

    private ScoreMlp(int dim, int featureDim, int hidden, int depth, Output output) {
        this.dim = dim;
        this.featureDim = featureDim;
        this.hidden = hidden;
        this.depth = depth;
        this.output = output;
    }

    /**
     * A freshly initialised network: depth hidden layers of width hidden; weights uniform in
     * +-sqrt(6 / fan_in) / sqrt(2) ... (He-uniform for SiLU), biases 0, last layer scaled by 0.1.
     * Initialisation draws only from {@code rng}, so it is reproducible on any machine.
     */
    public static ScoreMlp create(int dim, int featureDim, int hidden, int depth, Output output, Rng rng) {
        if (dim < 1 || hidden < 1 || depth < 1 || featureDim < 0) throw new IllegalArgumentException("bad network shape");
        ScoreMlp m = new ScoreMlp(dim, featureDim, hidden, depth, output);
        int in = dim + featureDim;
        List<float[]> parts = new ArrayList<>();
        for (int l = 0; l <= depth; l++) {
            int out = l == depth ? m.outDim() : hidden;
            double bound = Math.sqrt(3.0 / in) * (l == depth ? 0.1 : 1.0) * Math.sqrt(2);
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) w[i] = (float) rng.uniform(-bound, bound);
            m.shapes.add(new long[] {in, out});
            parts.add(w);
            m.shapes.add(new long[] {out});
            parts.add(new float[out]);
            in = hidden;
        }
        int total = parts.stream().mapToInt(a -> a.length).sum();
        float[] flat = new float[total];
        int off = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, flat, off, a.length);
            off += a.length;
        }
        m.params = persistent(flat);
        m.params.set_requires_grad(true);
        m.ema = persistent(flat);
        m.adamM = persistent(new float[total]);
        m.adamV = persistent(new float[total]);
        return m;
    }

    public int dim() { return dim; }
    public int featureDim() { return featureDim; }
    public int hidden() { return hidden; }
    public int depth() { return depth; }
    public Output output() { return output; }
    public long adamSteps() { return adamSteps; }
    public int outDim() { return output == Output.VECTOR ? dim : 1; }

    /** Number of trainable scalars. */
    public long parameterCount() { return params.numel(); }

    /**
     * Number of trainable scalars of a network of this shape, without building it (Long.MAX_VALUE when it
     * overflows): lets a reader reject a forged shape before allocating it.
     */
    public static long parameterCount(int dim, int featureDim, int hidden, int depth, Output output) {
        long out = output == Output.VECTOR ? dim : 1;
        try {
            long first = Math.multiplyExact((long) dim + featureDim + 1, hidden);
            long middle = Math.multiplyExact(depth - 1L, Math.multiplyExact(hidden + 1L, hidden));
            return Math.addExact(Math.addExact(first, middle), Math.multiplyExact(hidden + 1L, out));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- evaluation

    /** g at each row of x (float32 forward, no graph), with the EMA weights or the live ones. */
    public Mat score(Mat x, Conditioning c, boolean useEma) {
        check(x, c);
        try (Engine.Scope s = Engine.scope()) {
            Tensor xt = Tensors.float32(x);
            if (output == Output.VECTOR) {
                try (NoGradGuard g = new NoGradGuard()) {
                    return Tensors.toMat(scoreTensor(xt, coeffs(c, torch.ScalarType.Float), layers(useEma ? ema : params), false));
                }
            }
            return Tensors.toMat(scoreTensor(xt, coeffs(c, torch.ScalarType.Float), layers(useEma ? ema : params), false));
        }
    }

    /** The scalar energy E(x) at each row (energy output only). */
    public double[] energy(Mat x, Conditioning c, boolean useEma) {
        if (output != Output.ENERGY) throw new IllegalStateException("not an energy network");
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            Coeffs k = coeffs(c, torch.ScalarType.Float);
            Tensor xt = Tensors.float32(x);
            Tensor f = network(xt.mul(k.cIn), k.feats, layers(useEma ? ema : params));
            Tensor e = f.mul(k.b).sub(xt.square().sum(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).mul(k.a).mul(new Scalar(0.5)));
            return Tensors.toArray(e);
        }
    }

    /** Exact J = dg/dx at each row in float64: forward mode for vector output, reverse mode for energy. */
    public Mat[] jacobian(Mat x, Conditioning c, boolean useEma) {
        return output == Output.VECTOR ? jacobianForward(x, c, useEma) : jacobianReverse(x, c, useEma);
    }

    /**
     * Forward mode through the layers (vector output): with T_0 = W_0[:D]^T,
     * T_{l+1} = W_{l+1}^T diag(silu'(z_l)) T_l, J_F = T_L, and J = a I + b cIn J_F.
     */
    public Mat[] jacobianForward(Mat x, Conditioning c, boolean useEma) {
        if (output != Output.VECTOR) throw new IllegalStateException("forward mode needs vector output; use jacobianReverse");
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            List<Tensor> w = doubles(useEma);
            Coeffs k = coeffs(c, torch.ScalarType.Double);
            Tensor h = torch.cat(new TensorVector(Tensors.float64(x).mul(k.cIn), k.feats), 1);
            Tensor t = null;   // [B, H, D]
            for (int l = 0; l < depth; l++) {
                Tensor wl = w.get(2 * l), bl = w.get(2 * l + 1);
                Tensor z = h.matmul(wl).add(bl);
                Tensor sig = torch.sigmoid(z);
                Tensor dsilu = sig.mul(z.mul(sig.neg().add(new Scalar(1))).add(new Scalar(1)));  // silu'(z)
                Tensor lin = l == 0 ? wl.narrow(0, 0, dim).t().unsqueeze(0) : wl.t().matmul(t);  // [.., H, D]
                t = dsilu.unsqueeze(2).mul(lin);
                h = z.mul(sig);
            }
            Tensor jf = w.get(2 * depth).t().matmul(t);  // [B, D, D]
            Tensor eye = torch.eye(dim).to(Engine.device(), torch.ScalarType.Double).unsqueeze(0);
            Tensor jac = eye.mul(k.a.unsqueeze(2)).add(jf.mul(k.b.mul(k.cIn).unsqueeze(2)));
            return Tensors.toMats(jac);
        }
    }

    /**
     * Batched reverse mode: every point is replicated D times and one backward pass with grad_outputs = I
     * gives all rows of its Jacobian. Works for both outputs (for the energy this is its Hessian).
     */
    public Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma) {
        check(x, c);
        int n = x.rows();
        try (Engine.Scope s = Engine.scope()) {
            List<Tensor> w = doubles(useEma);
            Coeffs k = coeffs(c, torch.ScalarType.Double).repeatRows(dim);
            Tensor xr = Tensors.float64(x).repeat_interleave(dim, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional()).detach();   // [n*D, D]
            xr.set_requires_grad(true);
            Tensor g = scoreTensor(xr, k, w, true);
            Tensor eye = torch.eye(dim).to(Engine.device(), torch.ScalarType.Double).repeat(n, 1);
            Tensor rows = torch.grad(new TensorVector(g), new TensorVector(xr), new TensorVector(eye),
                    new BoolOptional(false), false, false).get(0);
            return Tensors.toMats(rows.reshape(n, dim, dim));
        }
    }

    // ---------------------------------------------------------------- training

    /**
     * One Adam step on the weighted denoising loss
     * L = (1/B) sum_i w_i (1/D) |lossScale_i g(x_i) + target_i|^2
     * (with lossScale = sigma and target = eps this is the sigma^2-weighted DSM loss), then the EMA update
     * ema = decay ema + (1 - decay) theta. Returns L before the step; if L is not finite nothing is updated.
     */
    public double trainStep(Mat x, Conditioning c, double[] lossScale, Mat target, double[] weight,
                            double lr, AdamConfig adam, double emaDecay) {
        check(x, c);
        try (Engine.Scope s = Engine.scope()) {
            Tensor xt = Tensors.float32(x);
            if (output == Output.ENERGY) xt.set_requires_grad(true);
            Tensor g = scoreTensor(xt, coeffs(c, torch.ScalarType.Float), layers(params), true);
            Tensor r = g.mul(Tensors.float32(lossScale).unsqueeze(1)).add(Tensors.float32(target));
            Tensor perRow = r.square().mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
            Tensor loss = perRow.mul(Tensors.float32(weight)).mean();
            double value = loss.item_double();
            if (!Double.isFinite(value)) return value;
            // allow_unused: the energy's last bias does not reach grad_x E, so its gradient is undefined (zero)
            Tensor gr = torch.grad(new TensorVector(loss), new TensorVector(params), new TensorVector(),
                    new BoolOptional(false), false, true).get(0);
            try (NoGradGuard ng = new NoGradGuard()) {
                adamSteps++;
                double bc1 = 1 - Math.pow(adam.beta1(), adamSteps), bc2 = 1 - Math.pow(adam.beta2(), adamSteps);
                adamM.mul_(new Scalar(adam.beta1())).add_(gr, new Scalar(1 - adam.beta1()));
                adamV.mul_(new Scalar(adam.beta2())).addcmul_(gr, gr, new Scalar(1 - adam.beta2()));
                Tensor denom = adamV.sqrt().div_(new Scalar(Math.sqrt(bc2))).add_(new Scalar(adam.eps()));
                params.addcdiv_(adamM, denom, new Scalar(-lr / bc1));
                ema.mul_(new Scalar(emaDecay)).add_(params, new Scalar(1 - emaDecay));
            }
            dropDoubles();
            return value;
        }
    }

    // ---------------------------------------------------------------- state

    /** All state as flat float32 vectors, by name: "param", "ema", "adam_m", "adam_v" (layer order W_0, b_0, ..., W_L, b_L). */
    public Map<String, ParamArray> state() {
        Map<String, ParamArray> out = new LinkedHashMap<>();
        out.put("param", flatArray(params));
        out.put("ema", flatArray(ema));
        out.put("adam_m", flatArray(adamM));
        out.put("adam_v", flatArray(adamV));
        return out;
    }

    /** Restores state written by {@link #state()}; the shapes must match this network's. */
    public void load(Map<String, ParamArray> state, long adamSteps) {
        try (NoGradGuard ng = new NoGradGuard()) {
            copyIn(state, "param", params);
            copyIn(state, "ema", ema);
            copyIn(state, "adam_m", adamM);
            copyIn(state, "adam_v", adamV);
        }
        this.adamSteps = adamSteps;
        dropDoubles();
    }

    /** Just the weights a frozen model needs ("param" and "ema"). */
    public void loadWeights(Map<String, ParamArray> state) {
        try (NoGradGuard ng = new NoGradGuard()) {
            copyIn(state, "param", params);
            copyIn(state, "ema", ema);
        }
        dropDoubles();
    }

    // ---------------------------------------------------------------- internals

    private record Coeffs(Tensor a, Tensor b, Tensor cIn, Tensor feats) {
        Coeffs repeatRows(int r) {
            return new Coeffs(a.repeat_interleave(r, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional()), b.repeat_interleave(r, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional()), cIn.repeat_interleave(r, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional()),
                    feats.repeat_interleave(r, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional()));
        }
    }

    private static Coeffs coeffs(Conditioning c, torch.ScalarType type) {
        boolean f32 = type == torch.ScalarType.Float;
        Tensor a = (f32 ? Tensors.float32(c.a()) : Tensors.float64(c.a())).unsqueeze(1);
        Tensor b = (f32 ? Tensors.float32(c.b()) : Tensors.float64(c.b())).unsqueeze(1);
        Tensor ci = (f32 ? Tensors.float32(c.cIn()) : Tensors.float64(c.cIn())).unsqueeze(1);
        Tensor f = f32 ? Tensors.float32(c.features()) : Tensors.float64(c.features());
        return new Coeffs(a, b, ci, f);
    }

    /** F(u, f) for the given weights. */
    private Tensor network(Tensor u, Tensor feats, List<Tensor> w) {
        Tensor h = torch.cat(new TensorVector(u, feats), 1);
        for (int l = 0; l < depth; l++) h = torch.silu(h.matmul(w.get(2 * l)).add(w.get(2 * l + 1)));
        return h.matmul(w.get(2 * depth)).add(w.get(2 * depth + 1));
    }

    /** g(x) as a tensor; for the energy it differentiates F, with a graph when {@code createGraph}. */
    private Tensor scoreTensor(Tensor x, Coeffs k, List<Tensor> w, boolean createGraph) {
        if (output == Output.VECTOR) return x.mul(k.a).add(network(x.mul(k.cIn), k.feats, w).mul(k.b));
        Tensor xin = x;
        if (!x.requires_grad()) {
            xin = x.detach();
            xin.set_requires_grad(true);
        }
        Tensor f = network(xin.mul(k.cIn), k.feats, w);
        Tensor gradF = torch.grad(new TensorVector(f.sum()), new TensorVector(xin), new TensorVector(),
                new BoolOptional(createGraph), createGraph, false).get(0);     // = cIn * grad_u F
        Tensor g = xin.mul(k.a).sub(gradF.mul(k.b));
        return createGraph ? g : g.detach();
    }

    /** Views W_0, b_0, ..., W_L, b_L into a flat parameter vector (differentiable). */
    private List<Tensor> layers(Tensor flat) {
        List<Tensor> out = new ArrayList<>(shapes.size());
        long off = 0;
        for (long[] shape : shapes) {
            long n = 1;
            for (long d : shape) n *= d;
            out.add(flat.narrow(0, off, n).view(shape));
            off += n;
        }
        return out;
    }

    /** float64 layers of the chosen weights; the copy is cached until the next training step. */
    private List<Tensor> doubles(boolean useEma) {
        Tensor cached = useEma ? doubleEma : doubleLive;
        if (cached == null) {
            cached = keep((useEma ? ema : params).detach().to(Engine.device(), torch.ScalarType.Double).clone());
            if (useEma) doubleEma = cached; else doubleLive = cached;
        }
        return layers(cached);
    }

    private void dropDoubles() {
        if (doubleLive != null) doubleLive.releaseReference();
        if (doubleEma != null) doubleEma.releaseReference();
        doubleLive = null;
        doubleEma = null;
    }

    private static Tensor persistent(float[] data) {
        try (org.bytedeco.javacpp.PointerScope outer = new org.bytedeco.javacpp.PointerScope()) {
            return keep(Tensor.create(data, data.length).to(Engine.device(), torch.ScalarType.Float).detach().clone());
        }
    }

    /** Keeps a long-lived tensor alive beyond any enclosing scope. */
    private static Tensor keep(Tensor t) {
        t.retainReference();
        return t;
    }

    private static ParamArray flatArray(Tensor t) {
        return new ParamArray(new long[] {t.numel()}, Tensors.toFloatArray(t));
    }

    private static void copyIn(Map<String, ParamArray> state, String name, Tensor t) {
        ParamArray a = state.get(name);
        if (a == null) throw new IllegalArgumentException("missing tensor " + name);
        if (a.data().length != t.numel() || a.shape().length != 1)
            throw new IllegalArgumentException("tensor " + name + " has " + a.data().length + " values, the network needs " + t.numel());
        try (Engine.Scope s = Engine.scope()) {
            t.copy_(Tensor.create(a.data(), a.data().length).to(Engine.device(), torch.ScalarType.Float));
        }
    }

    private void check(Mat x, Conditioning c) {
        if (x.cols() != dim) throw new IllegalArgumentException("points have dimension " + x.cols() + ", network expects " + dim);
        if (c.rows() != x.rows()) throw new IllegalArgumentException("conditioning rows " + c.rows() + " != points " + x.rows());
        if (c.features().cols() != featureDim) throw new IllegalArgumentException("feature dimension mismatch");
    }
}
