package io.scorescope.engine;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A small convolutional U-Net F(u, f) for images of C x H x W (H, W divisible by 4), flattened row-major
 * (channel, row, column) into points of R^D, D = C H W. With base width c and embedding width E = 4c:
 * <pre>
 *   e  = silu(silu(f W1 + b1) W2 + b2)                         noise embedding
 *   h0 = conv3(u)                                  c,  H x W
 *   h1 = Res(h0)                                   c,  H x W      (skip 1)
 *   h2 = Res(down(h1))                             2c, H/2        (skip 2)
 *   h3 = Res(down(h2))                             2c, H/4
 *   h4 = Res([up(h3), h2])                         2c, H/2
 *   h5 = Res([up(h4), h1])                         c,  H x W
 *   F  = conv3(silu(norm(h5)))                     C,  H x W
 *   Res(x) = conv3(silu(norm(conv3(silu(norm(x))) + e Wb + bb))) + skip(x),  skip = 1x1 conv when widths differ
 * </pre>
 * down = 2x2 mean, up = nearest x2, norm = group norm with 8 groups (none when c is not a multiple of 8).
 * The score is assembled by a {@link Conditioning} exactly as for {@link ScoreMlp}; parameters are one flat
 * float32 vector ({@link FlatParameters}) trained by Adam with an EMA. Jacobians: batched reverse mode in
 * float64, replicated batch with grad_outputs = rows of I, in passes bounded in memory.
 */
public final class ScoreUnet implements ScoreNetwork {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    /** Image shape and base width. */
    public record Shape(int channels, int height, int width, int base) {
        public Shape {
            if (channels < 1 || height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0 || base < 1)
                throw new IllegalArgumentException("U-Net needs C >= 1, H and W multiples of 4, base >= 1; got "
                        + channels + "x" + height + "x" + width + ", base " + base);
        }
        public int dim() { return channels * height * width; }
        int groups() { return base % 8 == 0 ? 8 : 0; }
        int embed() { return 4 * base; }
    }

    /** Upper bound on float64 activations held by one reverse-mode pass (bytes). */
    private static final long PASS_BUDGET = 1L << 29;

    private final Shape shape;
    private final int featureDim;
    private final FlatParameters params;

    private ScoreUnet(Shape shape, int featureDim, FlatParameters params) {
        this.shape = shape;
        this.featureDim = featureDim;
        this.params = params;
    }

    /**
     * A freshly initialised network: convolution and dense weights He-uniform (bound sqrt(6 / fan_in)), the
     * output convolution scaled by 0.1, biases and norm shifts 0, norm scales 1. Draws only from {@code rng}.
     */
    public static ScoreUnet create(Shape shape, int featureDim, Rng rng) {
        if (featureDim < 1) throw new IllegalArgumentException("the U-Net needs noise features");
        List<long[]> shapes = new ArrayList<>();
        List<float[]> init = new ArrayList<>();
        Layout lay = new Layout() {
            @Override public void weight(double scale, long... s) {
                long fanIn = FlatParameters.numel(s) / (s.length == 2 ? s[1] : s[0]);
                double bound = scale * Math.sqrt(6.0 / fanIn);
                float[] w = new float[Math.toIntExact(FlatParameters.numel(s))];
                for (int i = 0; i < w.length; i++) w[i] = (float) rng.uniform(-bound, bound);
                shapes.add(s);
                init.add(w);
            }
            @Override public void constant(double value, long n) {
                float[] v = new float[Math.toIntExact(n)];
                java.util.Arrays.fill(v, (float) value);
                shapes.add(new long[] {n});
                init.add(v);
            }
        };
        layout(shape, featureDim, lay);
        int total = init.stream().mapToInt(a -> a.length).sum();
        float[] flat = new float[total];
        int off = 0;
        for (float[] a : init) {
            System.arraycopy(a, 0, flat, off, a.length);
            off += a.length;
        }
        return new ScoreUnet(shape, featureDim, new FlatParameters(shapes, flat));
    }

    /** Number of trainable scalars of a U-Net of this shape, without allocating it (Long.MAX_VALUE on overflow). */
    public static long parameterCount(Shape shape, int featureDim) {
        long[] n = {0};
        try {
            layout(shape, featureDim, new Layout() {
                @Override public void weight(double scale, long... s) { n[0] = Math.addExact(n[0], FlatParameters.numel(s)); }
                @Override public void constant(double value, long count) { n[0] = Math.addExact(n[0], count); }
            });
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return n[0];
    }

    public Shape shape() { return shape; }
    @Override public int dim() { return shape.dim(); }
    @Override public long parameterCount() { return params.count(); }
    @Override public long adamSteps() { return params.adamSteps(); }

    @Override public Mat score(Mat x, Conditioning c, boolean useEma) {
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            return Tensors.toMat(scoreTensor(Tensors.float32(x), CoeffTensors.of(c, torch.ScalarType.Float), params.float32(useEma)));
        }
    }

    /** g at each row of x with a float64 forward pass (the reference for finite-difference checks). */
    @Override public Mat scoreFloat64(Mat x, Conditioning c, boolean useEma) {
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            return Tensors.toMat(scoreTensor(Tensors.float64(x), CoeffTensors.of(c, torch.ScalarType.Double), params.float64(useEma)));
        }
    }

    /** Reverse mode: the U-Net has no cheap forward-mode chain. */
    @Override public Mat[] jacobian(Mat x, Conditioning c, boolean useEma) { return jacobianReverse(x, c, useEma); }

    /**
     * Batched reverse mode in float64: the n*D (point, row) pairs are processed in passes; in each pass every
     * pair contributes one copy of its point, and one backward pass with grad_outputs = the matching rows of I
     * gives those rows of the Jacobians.
     */
    @Override public Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma) {
        long perImage = 8L * shape.base() * shape.height() * shape.width() * 40;   // ~40 activation maps of width c
        return jacobianReverse(x, c, useEma, (int) Math.max(1, Math.min(Integer.MAX_VALUE, PASS_BUDGET / perImage)));
    }

    /** As {@link #jacobianReverse(Mat, Conditioning, boolean)} with at most {@code pass} (point, row) pairs per pass. */
    Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma, int pass) {
        check(x, c);
        int n = x.rows(), d = dim();
        double[] all = new double[Math.multiplyExact(n, d * d)];
        try (Engine.Scope outer = Engine.scope()) {
            List<Tensor> w = params.float64(useEma);
            Tensor xs = Tensors.float64(x);
            CoeffTensors k = CoeffTensors.of(c, torch.ScalarType.Double);
            Tensor eye = torch.eye(d).to(Engine.device(), torch.ScalarType.Double);
            for (long start = 0; start < (long) n * d; start += pass) {
                int m = (int) Math.min(pass, (long) n * d - start);
                long[] point = new long[m], row = new long[m];
                for (int j = 0; j < m; j++) {
                    point[j] = (start + j) / d;
                    row[j] = (start + j) % d;
                }
                try (Engine.Scope s = Engine.scope()) {
                    Tensor pi = Tensor.create(point, m).to(Engine.device(), torch.ScalarType.Long);
                    Tensor ri = Tensor.create(row, m).to(Engine.device(), torch.ScalarType.Long);
                    Tensor xr = xs.index_select(0, pi).detach();
                    xr.set_requires_grad(true);
                    Tensor g = scoreTensor(xr, k.select(pi), w);
                    double[] part = Tensors.toArray(Autograd.vjp(g, xr, eye.index_select(0, ri)));
                    System.arraycopy(part, 0, all, Math.toIntExact(start * d), part.length);
                }
            }
        }
        Mat[] out = new Mat[n];
        for (int i = 0; i < n; i++) out[i] = new Mat(d, d, java.util.Arrays.copyOfRange(all, i * d * d, (i + 1) * d * d));
        return out;
    }

    /** Exact J(x_i) v_i in float64 by double backward ({@link Autograd#jvp}): about three passes, no Jacobian. */
    @Override public Mat jvp(Mat x, Mat v, Conditioning c, boolean useEma) { return product(x, v, c, useEma, true); }

    /** Exact J(x_i)^T u_i in float64: one backward pass of sum_i g(x_i) . u_i with respect to x. */
    @Override public Mat vjp(Mat x, Mat u, Conditioning c, boolean useEma) { return product(x, u, c, useEma, false); }

    private Mat product(Mat x, Mat vec, Conditioning c, boolean useEma, boolean forward) {
        check(x, c);
        if (vec.rows() != x.rows() || vec.cols() != dim())
            throw new IllegalArgumentException("vectors " + vec.shape() + " do not match points " + x.shape());
        try (Engine.Scope s = Engine.scope()) {
            Tensor xt = Tensors.float64(x).detach();
            xt.set_requires_grad(true);
            Tensor g = scoreTensor(xt, CoeffTensors.of(c, torch.ScalarType.Double), params.float64(useEma));
            Tensor v = Tensors.float64(vec);
            return Tensors.toMat(forward ? Autograd.jvp(g, xt, v) : Autograd.vjp(g, xt, v));
        }
    }

    @Override public double trainStep(Mat x, Conditioning c, double[] lossScale, Mat target, double[] weight,
                                      double lr, AdamConfig adam, double emaDecay) {
        check(x, c);
        try (Engine.Scope s = Engine.scope()) {
            Tensor g = scoreTensor(Tensors.float32(x), CoeffTensors.of(c, torch.ScalarType.Float), params.float32(false));
            return params.minimise(FlatParameters.weightedLoss(g, lossScale, target, weight), lr, adam, emaDecay);
        }
    }

    @Override public Map<String, ParamArray> state() { return params.state(); }
    @Override public void load(Map<String, ParamArray> state, long adamSteps) { params.load(state, adamSteps); }
    @Override public void loadWeights(Map<String, ParamArray> state) { params.loadWeights(state); }

    // ---------------------------------------------------------------- architecture

    /** Receives the parameters in the order the forward pass consumes them. */
    private interface Layout {
        /** A weight: [in, out] dense or [out, in, k, k] convolution, He-uniform times scale. */
        void weight(double scale, long... shape);
        /** A vector of n equal values (bias, norm scale or shift). */
        void constant(double value, long n);
    }

    private static void layout(Shape sh, int featureDim, Layout p) {
        int c = sh.base(), e = sh.embed();
        p.weight(1, featureDim, e); p.constant(0, e);
        p.weight(1, e, e); p.constant(0, e);
        p.weight(1, c, sh.channels(), 3, 3); p.constant(0, c);
        int[][] blocks = {{c, c}, {c, 2 * c}, {2 * c, 2 * c}, {4 * c, 2 * c}, {3 * c, c}};
        for (int[] b : blocks) {
            int in = b[0], out = b[1];
            norm(sh, p, in);
            p.weight(1, out, in, 3, 3); p.constant(0, out);
            p.weight(1, e, out); p.constant(0, out);
            norm(sh, p, out);
            p.weight(1, out, out, 3, 3); p.constant(0, out);
            if (in != out) { p.weight(1, out, in, 1, 1); p.constant(0, out); }
        }
        norm(sh, p, c);
        p.weight(0.1, sh.channels(), c, 3, 3); p.constant(0, sh.channels());
    }

    private static void norm(Shape sh, Layout p, int width) {
        if (sh.groups() == 0) return;
        p.constant(1, width);
        p.constant(0, width);
    }

    /** g = a x + b F(cIn x, f). */
    private Tensor scoreTensor(Tensor x, CoeffTensors k, List<Tensor> w) {
        return x.mul(k.a()).add(network(x.mul(k.cIn()), k.feats(), w).mul(k.b()));
    }

    /** F(u, f) as [B, D]; consumes the weights in {@link #layout} order. */
    private Tensor network(Tensor u, Tensor feats, List<Tensor> w) {
        Iterator<Tensor> p = w.iterator();
        long n = u.size(0);
        int c = shape.base();
        Tensor e = torch.silu(feats.matmul(p.next()).add(p.next()));
        e = torch.silu(e.matmul(p.next()).add(p.next()));
        Tensor h0 = conv(u.reshape(n, shape.channels(), shape.height(), shape.width()), p, 1);
        Tensor h1 = res(h0, e, p, c, c);
        Tensor h2 = res(down(h1), e, p, c, 2 * c);
        Tensor h3 = res(down(h2), e, p, 2 * c, 2 * c);
        Tensor h4 = res(torch.cat(new TensorVector(up(h3), h2), 1), e, p, 4 * c, 2 * c);
        Tensor h5 = res(torch.cat(new TensorVector(up(h4), h1), 1), e, p, 3 * c, c);
        Tensor out = conv(torch.silu(norm(h5, p)), p, 1);
        if (p.hasNext()) throw new IllegalStateException("U-Net layout and forward pass disagree");
        return out.reshape(n, shape.dim());
    }

    private Tensor res(Tensor x, Tensor e, Iterator<Tensor> p, int in, int out) {
        Tensor h = conv(torch.silu(norm(x, p)), p, 1);
        Tensor we = p.next(), be = p.next();
        h = h.add(e.matmul(we).add(be).unsqueeze(2).unsqueeze(3));
        h = conv(torch.silu(norm(h, p)), p, 1);
        return h.add(in == out ? x : conv(x, p, 0));
    }

    private static Tensor conv(Tensor x, Iterator<Tensor> p, long pad) {
        Tensor w = p.next(), b = p.next();
        return torch.conv2d(x, w, new TensorOptional(b), new long[] {1, 1}, new long[] {pad, pad}, new long[] {1, 1}, 1);
    }

    /** Group norm (eps 1e-5) with per-channel scale and shift; identity when there are no groups. */
    private Tensor norm(Tensor h, Iterator<Tensor> p) {
        int groups = shape.groups();
        if (groups == 0) return h;
        long n = h.size(0), ch = h.size(1), hh = h.size(2), ww = h.size(3);
        Tensor g = h.reshape(n, groups, -1);
        Tensor d = g.sub(g.mean(new long[] {2}, true, new ScalarTypeOptional()));
        Tensor var = d.square().mean(new long[] {2}, true, new ScalarTypeOptional());
        Tensor z = d.div(var.add(new Scalar(1e-5)).sqrt()).reshape(n, ch, hh, ww);
        Tensor gamma = p.next(), beta = p.next();
        return z.mul(gamma.view(1, ch, 1, 1)).add(beta.view(1, ch, 1, 1));
    }

    private static Tensor down(Tensor h) {
        long n = h.size(0), ch = h.size(1), hh = h.size(2), ww = h.size(3);
        return h.reshape(n, ch, hh / 2, 2, ww / 2, 2).mean(new long[] {3, 5}, false, new ScalarTypeOptional());
    }

    private static Tensor up(Tensor h) {
        return h.repeat_interleave(2, new LongOptional(2), new LongOptional()).repeat_interleave(2, new LongOptional(3), new LongOptional());
    }

    private void check(Mat x, Conditioning c) {
        if (x.cols() != dim()) throw new IllegalArgumentException("points have dimension " + x.cols() + ", network expects " + dim());
        if (c.rows() != x.rows()) throw new IllegalArgumentException("conditioning rows " + c.rows() + " != points " + x.rows());
        if (c.features().cols() != featureDim) throw new IllegalArgumentException("feature dimension mismatch");
    }
}
