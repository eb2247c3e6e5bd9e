package io.scorescope.engine;

import io.scorescope.math.Mat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Forward mode through the layers of a vector-output {@link ScoreUnet}, float64, no autograd (callers hold a
 * {@link org.bytedeco.pytorch.NoGradGuard}). A primal pass over a batch of points ({@link Record}) walks
 * {@link ScoreUnet#walk}'s op sequence once and keeps, per point, what the derivatives need; a tangent pass
 * ({@link Tangent}) walks the same sequence on tangent images [T, C, H, W] with each op's exact JVP:
 * <pre>
 *   conv with weight W, bias b        t -> conv2d(t, W)                     (no bias, same padding)
 *   SiLU of z                         t -> silu'(z) t,  silu'(z) = s (1 + z (1 - s)),  s = sigmoid(z)
 *   group norm y = gamma z + beta,    t -> gamma (t - mean_g t - z mean_g(z t)) / s_g
 *     z = (h - mu_g) / s_g,  s_g = sqrt(var_g + eps),  means over each group's channels and pixels
 *   2x2 mean, nearest x2, concatenation, residual sum: the same linear op on the tangents (in their layout)
 *   embedding shift h + e W + b       t -> t                               (e depends on sigma only)
 *   score g = a x + b F(cIn x, f)     dg = a dx + b dF,  input tangent cIn dx
 * </pre>
 * The group-norm rule: d mu = mean(dh); d var = 2 mean((h - mu)(dh - d mu)) = 2 s mean(z dh) because mean(h - mu) = 0;
 * d s = d var / (2 s) = mean(z dh); dz = (dh - d mu) / s - (h - mu) d s / s^2 = (dh - mean(dh) - z mean(z dh)) / s.
 * Norm and SiLU always come together as silu(norm(h)), so the primal pass records z and f = silu'(y) gamma / s_g
 * (both with the shape of h), and the tangent of the pair is f t - f mean_g t - f z mean_g(z t); without groups it
 * records silu'(h) and the tangent is silu'(h) t.
 * <p>Layout: a tangent pass holds its T tangent images as [T, C, H, W] tensors stored as [H, C, W, T] (tangent index
 * fastest; {@link #rowsFirst}), the layout in which {@link #rowConv} computes a convolution as plain matrix products,
 * and the recorded factors are stored the same way, as [H, C, W, points]. The tangents' chunks run on
 * {@link Engine#threads()} Java threads at once: a float64 matrix product runs on one core (OpenBLAS has one thread),
 * so chunks side by side are what keeps the cores busy. Each chunk's numbers do not depend on the others.
 */
final class UnetTangents {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    /**
     * float64 maps of base width c at full resolution that one tangent image holds during a pass, in the worst case:
     * every map of the pass stays allocated until its chunk's scope closes (about 38 with the temporaries of the
     * norm tangents), plus a row-layout copy of the largest convolution input (3: the 3c channels of a concatenation;
     * {@link #rowConv}), plus the factors expanded to each tangent when a chunk holds several points (19). Bottleneck
     * blocks after the first add {@link ScoreUnet.Shape#extraMaps()}, here and in {@link #TRACE_MAPS}.
     */
    private static final int TANGENT_MAPS = 60;
    /** The same for the primal pass of one point: its maps and temporaries, the recorded factors included. */
    private static final int TRACE_MAPS = 110;

    private UnetTangents() {}

    /** Tangents per pass such that the passes of all {@link #workers()} stay within {@link ScoreUnet#PASS_BUDGET}. */
    static int chunk(ScoreUnet.Shape sh) { return perBudget(ScoreUnet.PASS_BUDGET / workers(), sh, TANGENT_MAPS); }

    /** Tangent passes run at once: one per torch intra-op thread. */
    static int workers() { return Engine.threads(); }

    private static int perBudget(long budget, ScoreUnet.Shape sh, int maps) {
        long bytes = 8L * (maps + sh.extraMaps()) * sh.base() * sh.height() * sh.width();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / bytes));
    }

    /**
     * J(x_i) for the rows of x [n, D] and coefficients k: the n D (point, column) pairs in order, column j of J(x_i)
     * being dg for the tangent e_j at x_i. Points go in groups, one primal pass per group (the group holds at least the
     * points of one chunk, and its primal maps stay within a quarter of the pass budget otherwise); each group's pairs
     * go in chunks of at most {@code chunk} tangents. With {@code splitAtPoints} a chunk never crosses a point: it
     * holds whole points when chunk >= D (their recorded factors are gathered per tangent) and stays within one point
     * otherwise (the point's factors broadcast without copies); without it chunks run straight through the pairs, as
     * reverse mode's passes do. The chunks run on {@code workers} threads at once.
     */
    static Mat[] jacobian(ScoreUnet.Shape sh, Tensor x, CoeffTensors k, List<Tensor> w, int chunk, boolean splitAtPoints, int workers) {
        int n = (int) x.size(0), d = sh.dim();
        if (splitAtPoints && chunk >= d) chunk = chunk / d * d;
        int group = Math.min(n, Math.max(chunk / d, perBudget(ScoreUnet.PASS_BUDGET / 4, sh, TRACE_MAPS)));
        Mat[] out = new Mat[n];
        for (int g0 = 0; g0 < n; g0 += group) {
            int gn = Math.min(group, n - g0);
            try (Engine.Scope s = Engine.scope()) {
                CoeffTensors kg = k.select(longs(range(g0, gn)));
                List<Tensor> trace = trace(sh, x.narrow(0, g0, gn).mul(kg.cIn()), kg.feats(), w);
                double[] cols = new double[Math.multiplyExact(gn, Math.multiplyExact(d, d))];   // row i D + j: column j of J(x_{g0 + i})
                List<long[]> passes = new ArrayList<>();   // (first pair, pairs) of each chunk
                for (long start = 0, end = (long) gn * d; start < end; ) {
                    int m = (int) Math.min(chunk, end - start);
                    if (splitAtPoints && chunk < d) m = (int) Math.min(m, d - start % d);
                    passes.add(new long[] {start, m});
                    start += m;
                }
                Parallel.forEach(workers, passes.size(), q -> {
                    long start = passes.get(q)[0];
                    int m = (int) passes.get(q)[1];
                    long[] owner = new long[m];
                    double[] dx = new double[Math.multiplyExact(m, d)];
                    for (int j = 0; j < m; j++) {
                        owner[j] = (start + j) / d;
                        dx[j * d + (int) ((start + j) % d)] = 1;
                    }
                    try (Engine.Scope cs = Engine.scope()) {
                        Tensor dg = tangent(sh, Tensors.float64(new Mat(m, d, dx)), kg, trace, owner, w);
                        System.arraycopy(Tensors.toArray(dg), 0, cols, Math.toIntExact(start * d), m * d);
                    }
                });
                for (int i = 0; i < gn; i++) out[g0 + i] = new Mat(d, d, Arrays.copyOfRange(cols, i * d * d, (i + 1) * d * d)).transpose();
            }
        }
        return out;
    }

    /** Row i = J(x_i) v_i: one primal pass over all points, then one tangent per point. */
    static Tensor jvp(ScoreUnet.Shape sh, Tensor x, Tensor v, CoeffTensors k, List<Tensor> w) {
        return tangent(sh, v, k, trace(sh, x.mul(k.cIn()), k.feats(), w), range(0, (int) x.size(0)), w);
    }

    /** The factors of the primal pass of F at the inputs u = cIn x [k, D], in the order the tangent pass uses them. */
    private static List<Tensor> trace(ScoreUnet.Shape sh, Tensor u, Tensor feats, List<Tensor> w) {
        Record r = new Record();
        ScoreUnet.walk(sh, u, feats, w, r);
        return r.factors;
    }

    /** dg [m, D] for the tangents dx [m, D], tangent j at the traced point owner[j]; k holds the traced points' coefficients. */
    private static Tensor tangent(ScoreUnet.Shape sh, Tensor dx, CoeffTensors k, List<Tensor> trace, long[] owner, List<Tensor> w) {
        CoeffTensors ko = k.select(longs(owner));
        Tensor df = ScoreUnet.walk(sh, dx.mul(ko.cIn()), null, w, new Tangent(trace.iterator(), expansion(owner, (int) k.a().size(0))));
        return dx.mul(ko.a()).add(df.mul(ko.b()));
    }

    /**
     * Recorded factors [H, C, W, k] as seen by m tangents: a broadcast slice when all tangents belong to one point, the
     * factors themselves when tangent j belongs to point j, a gather along the last dimension (a copy) otherwise.
     */
    private static UnaryOperator<Tensor> expansion(long[] owner, int k) {
        boolean single = true, identity = owner.length == k;
        for (int j = 0; j < owner.length; j++) {
            single &= owner[j] == owner[0];
            identity &= owner[j] == j;
        }
        if (single) {
            long p = owner[0];
            return f -> f.narrow(3, p, 1);
        }
        if (identity) return f -> f;
        Tensor idx = longs(owner);
        return f -> f.index_select(3, idx);
    }

    /** The plain forward pass, recording the factors of every silu(norm(h)). */
    private static final class Record implements ScoreUnet.Ops {
        final List<Tensor> factors = new ArrayList<>();

        @Override public Tensor embedding(Tensor f, Tensor w1, Tensor b1, Tensor w2, Tensor b2) { return ScoreUnet.PRIMAL.embedding(f, w1, b1, w2, b2); }
        @Override public Tensor conv(Tensor h, Tensor w, Tensor b, long pad) { return ScoreUnet.PRIMAL.conv(h, w, b, pad); }
        @Override public Tensor shift(Tensor h, Tensor e, Tensor w, Tensor b) { return ScoreUnet.PRIMAL.shift(h, e, w, b); }

        @Override public Tensor act(Tensor h, int groups, Tensor gamma, Tensor beta) {
            if (groups == 0) {
                Tensor s = torch.sigmoid(h);
                factors.add(rowsFirst(dsilu(h, s)));
                return h.mul(s);
            }
            long n = h.size(0), c = h.size(1);
            T_TensorTensorTensor_T norm = torch.native_group_norm(h.contiguous(), new TensorOptional(gamma), new TensorOptional(beta),
                    n, c, h.size(2) * h.size(3), groups, ScoreUnet.NORM_EPS);   // y, mean and 1/s per group [n, groups]
            Tensor y = norm.get0(), rstd = norm.get2().unsqueeze(2);
            Tensor s = torch.sigmoid(y);
            factors.add(rowsFirst(h.reshape(n, groups, -1).sub(norm.get1().unsqueeze(2)).mul(rstd).view_as(h)));        // z
            factors.add(rowsFirst(dsilu(y, s).mul(gamma.view(1, c, 1, 1)).reshape(n, groups, -1).mul(rstd).view_as(h)));  // f
            return y.mul(s);
        }

        /** silu'(z) = s (1 + z (1 - s)) with s = sigmoid(z). */
        private static Tensor dsilu(Tensor z, Tensor s) {
            return s.mul(z.mul(s.neg().add(new Scalar(1))).add(new Scalar(1)));
        }
    }

    /** The JVP of each op, on tangent images; {@code at} expands a recorded factor to the tangents' points. */
    private static final class Tangent implements ScoreUnet.Ops {
        private static final long[] BLOCK = {1, 4};   // the 2 x 2 block of a pixel in [H / 2, 2, C, W / 2, 2, T]
        private static final long[] ROWS = {0}, WITHIN = {2, 3};   // a group's sum in [H, groups, C / groups, W, T]: over rows, then within
        private final Iterator<Tensor> factors;
        private final UnaryOperator<Tensor> at;

        Tangent(Iterator<Tensor> factors, UnaryOperator<Tensor> at) {
            this.factors = factors;
            this.at = at;
        }

        @Override public Tensor embedding(Tensor f, Tensor w1, Tensor b1, Tensor w2, Tensor b2) { return null; }
        @Override public Tensor shift(Tensor t, Tensor e, Tensor w, Tensor b) { return t; }

        @Override public Tensor conv(Tensor t, Tensor w, Tensor b, long pad) { return rowConv(t, w, pad); }

        /** avg_pool2d(t, 2, 2) in the row layout: the mean of each 2x2 block (a trailing odd row or column dropped). */
        @Override public Tensor down(Tensor t) {
            Tensor x = rowsFirst(t);
            long h = x.size(0) / 2, c = x.size(1), wd = x.size(2) / 2, n = x.size(3);
            Tensor blocks = x.narrow(0, 0, 2 * h).narrow(2, 0, 2 * wd).view(h, 2, c, wd, 2, n);
            return imagesFirst(blocks.sum(BLOCK, false, new ScalarTypeOptional()).mul_(new Scalar(0.25)));
        }

        /** Nearest-neighbour doubling in the row layout. */
        @Override public Tensor up(Tensor t) {
            Tensor x = rowsFirst(t);
            long h = x.size(0), c = x.size(1), wd = x.size(2), n = x.size(3);
            return imagesFirst(x.view(h, 1, c, wd, 1, n).expand(h, 2, c, wd, 2, n).reshape(2 * h, c, 2 * wd, n));
        }

        /** Concatenation along channels, in the row layout. */
        @Override public Tensor cat(Tensor a, Tensor b) { return imagesFirst(torch.cat(new TensorVector(rowsFirst(a), rowsFirst(b)), 1)); }

        @Override public Tensor act(Tensor t, int groups, Tensor gamma, Tensor beta) {
            Tensor x = rowsFirst(t);
            if (groups == 0) return imagesFirst(x.mul(at.apply(factors.next())));
            long h = x.size(0), c = x.size(1), wd = x.size(2), n = x.size(3), size = h * wd * c / groups;
            Tensor z = grouped(at.apply(factors.next()), groups), f = grouped(at.apply(factors.next()), groups);
            Tensor tg = grouped(x, groups);
            Tensor mean = groupSum(tg).div_(new Scalar((double) size));                     // mean_g t   [1, groups, 1, 1, T]
            Tensor zMean = (z.size(4) == 1                                                   // mean_g(z t)
                    ? z.view(h * groups, 1, size / h).bmm(tg.view(h * groups, size / h, n)).view(h, groups, 1, 1, n).sum(ROWS, true, new ScalarTypeOptional())
                    : groupSum(tg.mul(z))).div_(new Scalar((double) size));
            Tensor d = tg.mul(f);                                                            // f t - f mean_g t - f z mean_g(z t)
            d.addcmul_(f, mean, new Scalar(-1));
            d.addcmul_(f.mul(z), zMean, new Scalar(-1));
            return imagesFirst(d.view(h, c, wd, n));
        }

        /** [H, C, W, T] viewed as [H, groups, C / groups, W, T]. */
        private static Tensor grouped(Tensor x, int groups) {
            return x.view(x.size(0), groups, x.size(1) / groups, x.size(2), x.size(3));
        }

        /** Sums over each group's rows, channels and columns: [1, groups, 1, 1, T] (rows first: a plain sum of slabs). */
        private static Tensor groupSum(Tensor g) {
            return g.sum(ROWS, true, new ScalarTypeOptional()).sum(WITHIN, true, new ScalarTypeOptional());
        }
    }

    /**
     * conv2d(t, w) without bias, stride 1 and "same" zero padding p = (k - 1) / 2, for tangent images t [T, C, H, W], as
     * batched matrix products on strided views, with no im2col buffer and no padded copy. With the images laid out as
     * X [H, C, W, T] (tangent index fastest), the rows y + dy - p of all channels (dy in a range) form one matrix of
     * (dy, c) rows and (x, t) columns with leading dimension W T, so
     * <pre>
     *   out[y, :, (x, t)] = sum over dx of  W_dx [Cout, (dy, c)]  X[y + dy - p, c, x + dx - p, t]     (W_dx = w[:, :, :, dx])
     * </pre>
     * is, for each dx, one batched product over the interior output rows and one per border row (whose dy range is
     * cut to the rows that exist), each on the output columns whose x + dx - p exists; the centre column dx = p comes
     * first and writes every output once, the others accumulate. Returns [T, Cout, H, W] stored as [H, Cout, W, T].
     * (libtorch's float64 conv2d builds an im2col buffer k^2 times its input; this is about twice as fast:
     * docs/performance.md.)
     */
    static Tensor rowConv(Tensor t, Tensor w, long pad) {
        long n = t.size(0), c = t.size(1), h = t.size(2), wd = t.size(3), co = w.size(0), k = w.size(2);
        if (k != 2 * pad + 1 || w.size(3) != k) throw new IllegalArgumentException("rowConv needs a square odd kernel with same padding");
        Tensor x = rowsFirst(t);
        Tensor out = t.new_empty(new long[] {h, co, wd, n}, t.options());
        for (long i = 0; i < k; i++) {
            long dx = (pad + i) % k;                                     // the centre column first
            long x0 = Math.max(0, pad - dx), x1 = Math.min(wd, wd + pad - dx);
            double beta = i == 0 ? 0 : 1;
            Tensor wAll = w.select(3, dx).permute(0, 2, 1).reshape(co, k * c);   // W_dx [Cout, (dy, c)]
            for (long y = 0; y < h; ) {
                long y1 = y < pad || y >= h - pad ? y + 1 : h - pad;     // one border row, or all interior rows
                long dy0 = Math.max(0, pad - y), dy1 = Math.min(k, h + pad - y);
                Tensor wdx = wAll.narrow(1, dy0 * c, (dy1 - dy0) * c);  // the kernel rows that exist: a column block
                Tensor rows = x.as_strided(new long[] {y1 - y, (dy1 - dy0) * c, (x1 - x0) * n}, new long[] {c * wd * n, wd * n, 1},
                        new LongOptional(x.storage_offset() + ((y + dy0 - pad) * c * wd + x0 + dx - pad) * n));
                Tensor into = out.as_strided(new long[] {y1 - y, co, (x1 - x0) * n}, new long[] {co * wd * n, wd * n, 1},
                        new LongOptional((y * co * wd + x0) * n));
                into.baddbmm_(wdx.expand(y1 - y, co, (dy1 - dy0) * c), rows, new Scalar(beta), new Scalar(1.0));
                y = y1;
            }
        }
        return imagesFirst(out);
    }

    /** The [H, C, W, T] tensor behind images [T, C, H, W]: a view when they are stored so, else a copy. */
    private static Tensor rowsFirst(Tensor t) { return t.permute(2, 1, 3, 0).contiguous(); }

    /** The images [T, C, H, W] of x [H, C, W, T] (a view). */
    private static Tensor imagesFirst(Tensor x) { return x.permute(3, 1, 0, 2); }

    /** A long tensor of the values. */
    private static Tensor longs(long[] v) { return Tensor.create(v, v.length).to(Engine.device(), torch.ScalarType.Long); }

    /** from, from + 1, ..., from + count - 1. */
    private static long[] range(long from, int count) {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) v[i] = from + i;
        return v;
    }
}
