package io.scorescope.engine;

import io.scorescope.math.Mat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The parameters of a network as one flat float32 vector, with its EMA, Adam moments, and cached float64 copies for
 * Jacobians. Autograd differentiates per-parameter leaves that share the flat vector's storage, so a step's gradient
 * is one concatenation of the leaves' gradients (differentiating views of one flat leaf would instead scatter every
 * view's gradient into a zero-filled full-length buffer and sum them). The Adam step and the EMA update are a few
 * ops on the flat vectors. State names: "param", "ema", "adam_m", "adam_v".
 */
final class FlatParameters {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    private final List<long[]> shapes;
    private final Tensor params;   // flat float32 storage of the parameters
    private final List<Tensor> leaves;   // one leaf per parameter (requires grad), a view of params' storage
    private final Tensor ema;
    private final Tensor adamM;
    private final Tensor adamV;
    private long adamSteps;
    private Tensor doubleLive;     // float64 copies; null when stale
    private Tensor doubleEma;

    /** Parameters with the given shapes (in order), initialised from {@code parts} (one array per shape). */
    static FlatParameters of(List<long[]> shapes, List<float[]> parts) {
        float[] init = new float[parts.stream().mapToInt(a -> a.length).sum()];
        int off = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, init, off, a.length);
            off += a.length;
        }
        return new FlatParameters(shapes, init);
    }

    /** Parameters with the given shapes (in order), initialised from {@code init} (their concatenation). */
    FlatParameters(List<long[]> shapes, float[] init) {
        long total = 0;
        for (long[] s : shapes) total += numel(s);
        if (total != init.length) throw new IllegalArgumentException("init length " + init.length + " != " + total);
        this.shapes = List.copyOf(shapes);
        params = persistent(init);
        List<Tensor> l = new ArrayList<>(shapes.size());
        try (PointerScope outer = new PointerScope()) {
            for (Tensor v : views(params)) {
                Tensor leaf = keep(v.detach());
                leaf.set_requires_grad(true);
                l.add(leaf);
            }
        }
        leaves = List.copyOf(l);
        ema = persistent(init);
        adamM = persistent(new float[init.length]);
        adamV = persistent(new float[init.length]);
    }

    long count() { return params.numel(); }
    long adamSteps() { return adamSteps; }

    /** float32 parameters: the live leaves (differentiable), or views of the EMA. */
    List<Tensor> float32(boolean useEma) { return useEma ? views(ema) : leaves; }

    /** float64 views of the chosen weights; the copy is cached until the next training step. */
    synchronized List<Tensor> float64(boolean useEma) {
        Tensor cached = useEma ? doubleEma : doubleLive;
        if (cached == null) {
            cached = keep((useEma ? ema : params).detach().to(Engine.device(), torch.ScalarType.Double).clone());
            if (useEma) doubleEma = cached; else doubleLive = cached;
        }
        return views(cached);
    }

    /** L = (1/B) sum_i w_i (1/D) |lossScale_i g_i + target_i|^2 for a [B, D] score tensor. */
    static Tensor weightedLoss(Tensor g, double[] lossScale, Mat target, double[] weight) {
        Tensor r = g.mul(Tensors.float32(lossScale).unsqueeze(1)).add(Tensors.float32(target));
        Tensor perRow = r.square().mean(new long[] {1}, false, new ScalarTypeOptional());
        return perRow.mul(Tensors.float32(weight)).mean();
    }

    /**
     * One Adam step on {@code loss} (a scalar built from {@link #float32(boolean) float32(false)}), then
     * ema = decay ema + (1 - decay) theta. Returns the loss; if it is not finite nothing is updated.
     */
    double minimise(Tensor loss, double lr, AdamConfig adam, double emaDecay) {
        double value = loss.item_double();
        if (!Double.isFinite(value)) return value;
        // allow_unused: e.g. the energy's last bias does not reach grad_x E, so its gradient is undefined (zero)
        TensorVector grads = torch.grad(new TensorVector(loss), new TensorVector(leaves.toArray(new Tensor[0])), new TensorVector(),
                new BoolOptional(false), false, true);
        Tensor[] parts = new Tensor[leaves.size()];
        for (int i = 0; i < parts.length; i++) {
            Tensor g = grads.get(i);
            parts[i] = g.defined() ? g.reshape(-1) : torch.zeros(leaves.get(i).numel()).to(Engine.device(), torch.ScalarType.Float);
        }
        Tensor gr = torch.cat(new TensorVector(parts), 0);
        try (NoGradGuard ng = new NoGradGuard()) {
            adamSteps++;
            double bc1 = 1 - Math.pow(adam.beta1(), adamSteps), rootBc2 = Math.sqrt(1 - Math.pow(adam.beta2(), adamSteps));
            // m += (1 - beta1)(g - m); v = beta2 v + (1 - beta2) g^2;
            // theta -= (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps) = (lr sqrt(bc2) / bc1) m / (sqrt(v) + eps sqrt(bc2))
            adamM.lerp_(gr, new Scalar(1 - adam.beta1()));
            adamV.mul_(new Scalar(adam.beta2())).addcmul_(gr, gr, new Scalar(1 - adam.beta2()));
            Tensor denom = adamV.sqrt().add_(new Scalar(adam.eps() * rootBc2));
            params.addcdiv_(adamM, denom, new Scalar(-lr * rootBc2 / bc1));
            ema.lerp_(params, new Scalar(1 - emaDecay));   // ema = decay ema + (1 - decay) theta
        }
        dropDoubles();
        return value;
    }

    Map<String, ParamArray> state() {
        Map<String, ParamArray> out = new LinkedHashMap<>();
        out.put("param", flatArray(params));
        out.put("ema", flatArray(ema));
        out.put("adam_m", flatArray(adamM));
        out.put("adam_v", flatArray(adamV));
        return out;
    }

    void load(Map<String, ParamArray> state, long steps) {
        try (NoGradGuard ng = new NoGradGuard()) {
            copyIn(state, "param", params);
            copyIn(state, "ema", ema);
            copyIn(state, "adam_m", adamM);
            copyIn(state, "adam_v", adamV);
        }
        this.adamSteps = steps;
        dropDoubles();
    }

    void loadWeights(Map<String, ParamArray> state) {
        try (NoGradGuard ng = new NoGradGuard()) {
            copyIn(state, "param", params);
            copyIn(state, "ema", ema);
        }
        dropDoubles();
    }

    private List<Tensor> views(Tensor flat) {
        List<Tensor> out = new ArrayList<>(shapes.size());
        long off = 0;
        for (long[] shape : shapes) {
            long n = numel(shape);
            out.add(flat.narrow(0, off, n).view(shape));
            off += n;
        }
        return out;
    }

    private synchronized void dropDoubles() {
        if (doubleLive != null) doubleLive.releaseReference();
        if (doubleEma != null) doubleEma.releaseReference();
        doubleLive = null;
        doubleEma = null;
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    private static Tensor persistent(float[] data) {
        try (PointerScope outer = new PointerScope()) {
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
}
