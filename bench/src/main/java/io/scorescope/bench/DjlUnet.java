package io.scorescope.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The baseline's U-Net: the architecture of io.scorescope.engine.ScoreUnet (see its class comment) written with DJL
 * 0.36 NDArray ops on the PyTorch engine, parameters as separate tensors in ScoreUnet's order and shapes, initialised
 * with the same draws (He-uniform, bound sqrt(6 / fan_in), output convolution x 0.1, biases and shifts 0, scales 1, one
 * {@link Rng} in layout order), so that both sides start from the same weights and their first losses can be compared.
 * <p>Ops: convolution, average pooling, nearest upsampling, layer norm, matmul and sigmoid are libtorch's native
 * kernels, reached through {@link Conv2d#conv2d}, {@link Pool#avgPool2d}, NDArrayEx.interpolation (mode 0, nearest),
 * {@link LayerNorm#layerNorm} and NDArray. DJL 0.36 has no group norm and no SiLU op, so both are composed (the
 * baseline's handicap, documented in docs/performance.md):
 * <ul>
 *   <li>group norm = reshape to [B, G, C/G H W], native layer_norm over the last axis (eps 1e-5, biased variance: the
 *       group-norm statistics) with a constant unit scale and zero shift (DJL's layerNorm needs both arrays), reshape
 *       back, then the per-channel scale and shift as two broadcast ops; libtorch's fused group_norm does it in one;</li>
 *   <li>SiLU = x * sigmoid(x), two ops (Activation.swish adds a third, the multiplication by beta = 1).</li>
 * </ul>
 * Per-channel scales and shifts are stored as [C, 1, 1] (ScoreUnet: [C]; the same count) so that no reshape of a
 * parameter happens inside a step.
 */
final class DjlUnet implements DjlBaseline.Model {
    private final Shapes.Unet shape;
    private final NDManager manager;
    private final List<NDArray> params = new ArrayList<>();
    /** Per normalised length: layer_norm's constant scale 1 and shift 0 (not parameters, no gradient). */
    private final Map<Long, NDArray[]> unit = new HashMap<>();
    private final Rng rng;

    DjlUnet(NDManager parent, Shapes.Unet shape) {
        this.shape = shape;
        this.manager = parent.newSubManager();
        this.rng = new Rng(shape.seed());
        int c = shape.base(), e = 4 * c;
        dense(shape.features(), e);
        dense(e, e);
        conv(1, c, shape.channels(), 3);
        for (int[] b : new int[][] {{c, c}, {c, 2 * c}, {2 * c, 2 * c}, {4 * c, 2 * c}, {3 * c, c}}) {
            int in = b[0], out = b[1];
            norm(in);
            conv(1, out, in, 3);
            dense(e, out);
            norm(out);
            conv(1, out, out, 3);
            if (in != out) conv(1, out, in, 1);
        }
        norm(c);
        conv(0.1, shape.channels(), c, 3);
        for (NDArray p : params) p.setRequiresGradient(true);
    }

    long parameterCount() { return params.stream().mapToLong(p -> p.getShape().size()).sum(); }

    @Override public List<NDArray> parameters() { return params; }

    @Override public NDArray score(NDArray x, DjlBaseline.Inputs c) {
        return x.mul(c.a()).add(network(x.mul(c.cIn()), c.feats()).mul(c.b()));
    }

    @Override public void close() { manager.close(); }

    // ---------------------------------------------------------------- parameters, in ScoreUnet's layout order

    /** He-uniform weight of the given shape ([in, out] dense, [out, in, k, k] convolution), times scale. */
    private void weight(double scale, long... s) {
        long numel = new Shape(s).size(), fanIn = numel / (s.length == 2 ? s[1] : s[0]);
        double bound = scale * Math.sqrt(6.0 / fanIn);
        float[] w = new float[Math.toIntExact(numel)];
        for (int i = 0; i < w.length; i++) w[i] = (float) rng.uniform(-bound, bound);
        params.add(manager.create(w, new Shape(s)));
    }

    private void constant(float value, long... s) {
        params.add(manager.full(new Shape(s), value));
    }

    private void dense(int in, int out) {
        weight(1, in, out);
        constant(0, out);
    }

    private void conv(double scale, int out, int in, int k) {
        weight(scale, out, in, k, k);
        constant(0, out);
    }

    private void norm(int width) {
        constant(1, width, 1, 1);
        constant(0, width, 1, 1);
    }

    // ---------------------------------------------------------------- forward pass, ScoreUnet.network's op sequence

    /** F(u, f) as [B, D]; consumes the parameters in layout order. */
    private NDArray network(NDArray u, NDArray feats) {
        Iterator<NDArray> p = params.iterator();
        long n = u.getShape().get(0);
        int c = shape.base();
        NDArray e = silu(feats.matMul(p.next()).add(p.next()));
        e = silu(e.matMul(p.next()).add(p.next()));
        NDArray h0 = conv(u.reshape(n, shape.channels(), shape.size(), shape.size()), p, 1);
        NDArray h1 = res(h0, e, p, c, c);
        NDArray h2 = res(down(h1), e, p, c, 2 * c);
        NDArray h3 = res(down(h2), e, p, 2 * c, 2 * c);
        NDArray h4 = res(up(h3).concat(h2, 1), e, p, 4 * c, 2 * c);
        NDArray h5 = res(up(h4).concat(h1, 1), e, p, 3 * c, c);
        NDArray out = conv(silu(norm(h5, p)), p, 1);
        if (p.hasNext()) throw new IllegalStateException("baseline U-Net layout and forward pass disagree");
        return out.reshape(n, shape.dim());
    }

    private NDArray res(NDArray x, NDArray e, Iterator<NDArray> p, int in, int out) {
        NDArray h = conv(silu(norm(x, p)), p, 1);
        NDArray we = p.next(), be = p.next();
        h = h.add(e.matMul(we).add(be).reshape(e.getShape().get(0), out, 1, 1));
        h = conv(silu(norm(h, p)), p, 1);
        return h.add(in == out ? x : conv(x, p, 0));
    }

    private static NDArray conv(NDArray x, Iterator<NDArray> p, long pad) {
        NDArray w = p.next(), b = p.next();
        return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow();
    }

    /** Group norm, composed (see the class comment): native layer_norm per group, then per-channel scale and shift. */
    private NDArray norm(NDArray h, Iterator<NDArray> p) {
        NDArray gamma = p.next(), beta = p.next();
        Shape s = h.getShape();
        long per = s.get(1) / Shapes.GROUPS * s.get(2) * s.get(3);
        NDArray[] one = unit.computeIfAbsent(per, k -> new NDArray[] {manager.ones(new Shape(k)), manager.zeros(new Shape(k))});
        NDArray z = LayerNorm.layerNorm(h.reshape(s.get(0), Shapes.GROUPS, per), new Shape(per), one[0], one[1], 1e-5f).singletonOrThrow();
        return z.reshape(s).mul(gamma).add(beta);
    }

    private static NDArray silu(NDArray x) { return x.mul(Activation.sigmoid(x)); }

    /** 2x2 mean pooling, stride 2 (libtorch's avg_pool2d). */
    private static NDArray down(NDArray h) {
        return Pool.avgPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    /** Nearest-neighbour doubling (libtorch's interpolate, mode nearest: upsample_nearest2d). */
    private static NDArray up(NDArray h) {
        Shape s = h.getShape();
        return h.getNDArrayInternal().interpolation(new long[] {2 * s.get(2), 2 * s.get(3)}, 0, false);
    }
}
