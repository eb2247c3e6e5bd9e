package io.scorescope.engine;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.NoGradGuard;
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
 *   h3 = Res(down(h2)), then K - 1 more Res        2c, H/4        (K bottleneck blocks, default 1)
 *   h4 = Res([up(h3), h2])                         2c, H/2
 *   h5 = Res([up(h4), h1])                         c,  H x W
 *   F  = conv3(silu(norm(h5)))                     C,  H x W
 *   Res(x) = conv3(silu(norm(conv3(silu(norm(x))) + e Wb + bb))) + skip(x),  skip = 1x1 conv when widths differ
 * </pre>
 * down = 2x2 mean, up = nearest x2, norm = group norm with 8 groups (none when c is not a multiple of 8).
 * The score is assembled by a {@link Conditioning} exactly as for {@link ScoreMlp}; parameters are one flat
 * float32 vector ({@link FlatParameters}) trained by Adam with an EMA. Jacobians in float64, in passes bounded in
 * memory: forward mode through the layers for vector output ({@link UnetTangents}, which walks the same op sequence,
 * {@link #walk}, with each op's exact JVP), and batched reverse mode (replicated batch, grad_outputs = rows of I) for
 * any output.
 * <p>Energy output (the conservative control): the same U-Net V gives the scalar F(u, f) = -u . V(u, f), so that
 * g = a x - b cIn grad_u F = a x + b cIn (V + J_V^T u) is an exact gradient field; its Jacobian is symmetric.
 */
public final class ScoreUnet extends AssembledNetwork {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    /** Image shape, base width and K, the number of residual blocks at H/4 (h3 in the class comment is the last). */
    public record Shape(int channels, int height, int width, int base, int bottleneck) {
        public Shape {
            if (channels < 1 || height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0 || base < 1 || bottleneck < 1)
                throw new IllegalArgumentException("U-Net needs C >= 1, H and W multiples of 4, base >= 1, bottleneck blocks >= 1; got "
                        + channels + "x" + height + "x" + width + ", base " + base + ", " + bottleneck + " bottleneck blocks");
        }
        /** One residual block at H/4. */
        public Shape(int channels, int height, int width, int base) { this(channels, height, width, base, 1); }
        public int dim() { return channels * height * width; }
        int groups() { return base % 8 == 0 ? 8 : 0; }
        /**
         * Maps of width c at full resolution that the bottleneck blocks after the first add to a pass's memory: their
         * maps are 2c x H/4 x W/4, an eighth of one, and a block holds at most 16 of them with its temporaries.
         */
        int extraMaps() { return 2 * (bottleneck - 1); }
        int embed() { return 4 * base; }
    }

    /** Upper bound on float64 activations held by one Jacobian pass, reverse or forward mode (bytes). */
    static final long PASS_BUDGET = 1L << 29;
    /** Group-norm epsilon (biased variance). */
    static final double NORM_EPS = 1e-5;

    private final Shape shape;

    private ScoreUnet(Shape shape, int featureDim, Output output, FlatParameters params) {
        super(featureDim, output, params);
        this.shape = shape;
    }

    /** A freshly initialised vector-output U-Net ({@link #create(Shape, int, Output, Rng)}). */
    public static ScoreUnet create(Shape shape, int featureDim, Rng rng) { return create(shape, featureDim, Output.VECTOR, rng); }

    /**
     * A freshly initialised network: convolution and dense weights He-uniform (bound sqrt(6 / fan_in)), the
     * output convolution scaled by 0.1, biases and norm shifts 0, norm scales 1. Draws only from {@code rng}.
     * Switches the process to the convolutional thread policy ({@link Engine}).
     */
    public static ScoreUnet create(Shape shape, int featureDim, Output output, Rng rng) {
        if (featureDim < 1) throw new IllegalArgumentException("the U-Net needs noise features");
        Engine.useConvolutionThreads();
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
        return new ScoreUnet(shape, featureDim, output, FlatParameters.of(shapes, init));
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

    /**
     * Exact J = dg/dx at each row in float64: forward mode through the layers for vector output ({@link UnetTangents}:
     * one primal pass per point, then the D unit tangents in chunks that stay within a point or hold whole points),
     * batched reverse mode for the energy, whose Jacobian is a Hessian.
     */
    @Override public Mat[] jacobian(Mat x, Conditioning c, boolean useEma) {
        if (output == Output.ENERGY) return jacobianReverse(x, c, useEma);
        return jacobianForward(x, c, useEma, UnetTangents.chunk(shape), true);
    }

    /** {@link #jacobianForward(Mat, Conditioning, boolean, int, boolean)} with chunks that may straddle points. */
    Mat[] jacobianForward(Mat x, Conditioning c, boolean useEma, int chunk) { return jacobianForward(x, c, useEma, chunk, false); }

    /**
     * Forward mode (vector output) with at most {@code chunk} tangents per pass, taken in (point, column) order as
     * {@link #jacobianReverse(Mat, Conditioning, boolean, int)} takes its pairs; with {@code splitAtPoints} no chunk
     * crosses a point ({@link UnetTangents#jacobian}).
     */
    Mat[] jacobianForward(Mat x, Conditioning c, boolean useEma, int chunk, boolean splitAtPoints) {
        return jacobianForward(x, c, useEma, chunk, splitAtPoints, UnetTangents.workers());
    }

    /** The same with the chunks run on {@code workers} threads at once. */
    Mat[] jacobianForward(Mat x, Conditioning c, boolean useEma, int chunk, boolean splitAtPoints, int workers) {
        if (output != Output.VECTOR) throw new IllegalStateException("forward mode needs vector output; use jacobianReverse");
        check(x, c);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            return UnetTangents.jacobian(shape, Tensors.float64(x), CoeffTensors.of(c, torch.ScalarType.Double), params.float64(useEma),
                    chunk, splitAtPoints, workers);
        }
    }

    /**
     * Batched reverse mode in float64: the n*D (point, row) pairs are processed in passes; in each pass every
     * pair contributes one copy of its point, and one backward pass with grad_outputs = the matching rows of I
     * gives those rows of the Jacobians.
     */
    @Override public Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma) {
        long perImage = 8L * shape.base() * shape.height() * shape.width() * ((output == Output.ENERGY ? 80 : 40) + shape.extraMaps());   // activation maps of width c
        return jacobianReverse(x, c, useEma, (int) Math.max(1, Math.min(Integer.MAX_VALUE, PASS_BUDGET / perImage)));
    }

    /** As {@link #jacobianReverse(Mat, Conditioning, boolean)} with at most {@code pass} (point, row) pairs per pass. */
    Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma, int pass) {
        return jacobianReverse(x, c, useEma, pass, torch.ScalarType.Double);
    }

    Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma, int pass, torch.ScalarType type) {
        check(x, c);
        int n = x.rows(), d = dim();
        double[] all = new double[Math.multiplyExact(n, d * d)];
        boolean f64 = type == torch.ScalarType.Double;
        try (Engine.Scope outer = Engine.scope()) {
            List<Tensor> w = f64 ? params.float64(useEma) : params.float32(useEma);
            Tensor xs = f64 ? Tensors.float64(x) : Tensors.float32(x);
            CoeffTensors k = CoeffTensors.of(c, type);
            Tensor eye = torch.eye(d).to(Engine.device(), type);
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
                    Tensor g = scoreTensor(xr, k.select(pi), w, true);
                    double[] part = Tensors.toArray(Autograd.vjp(g, xr, eye.index_select(0, ri)));
                    System.arraycopy(part, 0, all, Math.toIntExact(start * d), part.length);
                }
            }
        }
        Mat[] out = new Mat[n];
        for (int i = 0; i < n; i++) out[i] = new Mat(d, d, java.util.Arrays.copyOfRange(all, i * d * d, (i + 1) * d * d));
        return out;
    }

    /**
     * Exact J(x_i) v_i in float64. Vector output: forward mode with one tangent per point ({@link UnetTangents}), about
     * the cost of two forward passes. Energy: J is symmetric and this is {@link #vjp}.
     */
    @Override public Mat jvp(Mat x, Mat v, Conditioning c, boolean useEma) {
        if (output == Output.ENERGY) return vjp(x, v, c, useEma);
        check(x, c, v);
        try (Engine.Scope s = Engine.scope(); NoGradGuard g = new NoGradGuard()) {
            return Tensors.toMat(UnetTangents.jvp(shape, Tensors.float64(x), Tensors.float64(v), CoeffTensors.of(c, torch.ScalarType.Double),
                    params.float64(useEma)));
        }
    }

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
        List<int[]> blocks = new ArrayList<>(List.of(new int[] {c, c}, new int[] {c, 2 * c}));
        for (int i = 0; i < sh.bottleneck(); i++) blocks.add(new int[] {2 * c, 2 * c});
        blocks.add(new int[] {4 * c, 2 * c});
        blocks.add(new int[] {3 * c, c});
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

    /**
     * Vector output: g = a x + b V(cIn x, f). Energy: g = a x - b grad_x F(cIn x, f) with F(u, f) = -u . V(u, f),
     * differentiated with a graph when {@code createGraph} (training, Jacobians) and detached otherwise.
     */
    @Override protected Tensor scoreTensor(Tensor x, CoeffTensors k, List<Tensor> w, boolean createGraph) {
        if (output == Output.VECTOR) return x.mul(k.a()).add(network(x.mul(k.cIn()), k.feats(), w).mul(k.b()));
        return Autograd.energyScore(x, k, u -> u.mul(network(u, k.feats(), w)).neg(), createGraph);
    }

    /** F(u, f) as [B, D] by the plain forward pass. */
    private Tensor network(Tensor u, Tensor feats, List<Tensor> w) { return walk(shape, u, feats, w, PRIMAL); }

    /**
     * The ops of F as the plain forward pass ({@link #PRIMAL}) and the forward-mode tangent pass ({@link UnetTangents})
     * each compute them. The linear resampling ops are the same map in both (the tangent pass keeps its own memory
     * layout), and residual sums are plain sums.
     */
    interface Ops {
        /** The noise embedding silu(silu(f W1 + b1) W2 + b2), [B, E]. */
        Tensor embedding(Tensor feats, Tensor w1, Tensor b1, Tensor w2, Tensor b2);
        /** Convolution with weight w [out, in, k, k], bias b, stride 1, padding pad. */
        Tensor conv(Tensor h, Tensor w, Tensor b, long pad);
        /** silu(norm(h)): group norm with {@code groups} groups, scale gamma and shift beta, then SiLU; no norm when groups = 0. */
        Tensor act(Tensor h, int groups, Tensor gamma, Tensor beta);
        /** h plus the embedding projection e W + b, one value per (image, channel). */
        Tensor shift(Tensor h, Tensor e, Tensor w, Tensor b);
        /** 2x2 mean pooling (avg_pool2d with stride 2). */
        default Tensor down(Tensor h) { return torch.avg_pool2d(h, 2, 2); }
        /** Nearest-neighbour doubling of height and width. */
        default Tensor up(Tensor h) {
            return torch.upsample_nearest2d(h, new long[] {2 * h.size(2), 2 * h.size(3)}, new DoubleOptional(), new DoubleOptional());
        }
        /** Concatenation along channels. */
        default Tensor cat(Tensor a, Tensor b) { return torch.cat(new TensorVector(a, b), 1); }
    }

    /** The plain forward pass: libtorch's fused group norm and SiLU. */
    static final Ops PRIMAL = new Ops() {
        @Override public Tensor embedding(Tensor f, Tensor w1, Tensor b1, Tensor w2, Tensor b2) { return torch.silu(torch.silu(f.matmul(w1).add(b1)).matmul(w2).add(b2)); }
        @Override public Tensor conv(Tensor h, Tensor w, Tensor b, long pad) {
            return torch.conv2d(h, w, new TensorOptional(b), new long[] {1, 1}, new long[] {pad, pad}, new long[] {1, 1}, 1);
        }
        @Override public Tensor act(Tensor h, int groups, Tensor gamma, Tensor beta) {
            return torch.silu(groups == 0 ? h : torch.group_norm(h, groups, new TensorOptional(gamma), new TensorOptional(beta), NORM_EPS, false));
        }
        @Override public Tensor shift(Tensor h, Tensor e, Tensor w, Tensor b) { return h.add(e.matmul(w).add(b).unsqueeze(2).unsqueeze(3)); }
    };

    /**
     * F(u, f) as [B, D] with the given ops: the one op sequence of the class comment, consuming the weights in
     * {@link #layout} order (u [B, D] are points, or tangents for a tangent pass, which ignores feats).
     */
    static Tensor walk(Shape sh, Tensor u, Tensor feats, List<Tensor> w, Ops ops) {
        Iterator<Tensor> p = w.iterator();
        long n = u.size(0);
        int c = sh.base(), g = sh.groups();
        Tensor e = ops.embedding(feats, p.next(), p.next(), p.next(), p.next());
        Tensor h0 = ops.conv(u.reshape(n, sh.channels(), sh.height(), sh.width()), p.next(), p.next(), 1);
        Tensor h1 = res(ops, p, g, h0, e, c, c);
        Tensor h2 = res(ops, p, g, ops.down(h1), e, c, 2 * c);
        Tensor h3 = res(ops, p, g, ops.down(h2), e, 2 * c, 2 * c);
        for (int i = 1; i < sh.bottleneck(); i++) h3 = res(ops, p, g, h3, e, 2 * c, 2 * c);
        Tensor h4 = res(ops, p, g, ops.cat(ops.up(h3), h2), e, 4 * c, 2 * c);
        Tensor h5 = res(ops, p, g, ops.cat(ops.up(h4), h1), e, 3 * c, c);
        Tensor out = ops.conv(act(ops, p, g, h5), p.next(), p.next(), 1);
        if (p.hasNext()) throw new IllegalStateException("U-Net layout and forward pass disagree");
        return out.reshape(n, sh.dim());
    }

    private static Tensor res(Ops ops, Iterator<Tensor> p, int groups, Tensor x, Tensor e, int in, int out) {
        Tensor h = ops.conv(act(ops, p, groups, x), p.next(), p.next(), 1);
        h = ops.shift(h, e, p.next(), p.next());
        h = ops.conv(act(ops, p, groups, h), p.next(), p.next(), 1);
        return h.add(in == out ? x : ops.conv(x, p.next(), p.next(), 0));
    }

    /** silu(norm(h)), taking the norm's scale and shift from the weights when there are groups. */
    private static Tensor act(Ops ops, Iterator<Tensor> p, int groups, Tensor h) {
        return groups == 0 ? ops.act(h, 0, null, null) : ops.act(h, groups, p.next(), p.next());
    }

}
