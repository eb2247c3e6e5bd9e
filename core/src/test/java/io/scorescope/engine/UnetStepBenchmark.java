package io.scorescope.engine;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Timings of one U-Net training step on CPU (not part of the suite; docs/performance.md records its output):
 * <pre>
 *   OPENBLAS_NUM_THREADS=1 mvn -B -o -q -pl core test -Dtest=UnetStepBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dscorescope.bench.threads=1 -Dscorescope.bench.base=128
 * </pre>
 * Batch 64 of 1x28x28, torch intra-op threads from scorescope.bench.threads (Engine sets 1; this overrides it),
 * base width scorescope.bench.base, residual blocks at H/4 scorescope.bench.bottleneck (1). Prints ms per full step (forward, backward, Adam and EMA), per no-grad forward,
 * the process CPU time per wall second, and an op-class breakdown: each op class of the forward pass run alone at
 * the U-Net's shapes, forward plus backward (gradients for inputs and weights), summed over the layers that use it.
 */
class UnetStepBenchmark {
    private static final int BATCH = 64, H = 28, W = 28, FEATURES = 17;

    @Test
    void trainStepOnCpu() {
        int threads = Integer.getInteger("scorescope.bench.threads", 1), base = Integer.getInteger("scorescope.bench.base", 128);
        int steps = Integer.getInteger("scorescope.bench.steps", 3), reps = Integer.getInteger("scorescope.bench.reps", 3);
        ScoreUnet net = ScoreUnet.create(new ScoreUnet.Shape(1, H, W, base, Integer.getInteger("scorescope.bench.bottleneck", 1)), FEATURES, new Rng(1));
        torch.set_num_threads(threads);   // after create, which applies the engine's thread policy
        Rng rng = new Rng(2);
        Mat x = rng.gaussian(BATCH, H * W), eps = rng.gaussian(BATCH, H * W);
        double[] sigma = new double[BATCH], one = new double[BATCH];
        for (int i = 0; i < BATCH; i++) { sigma[i] = Math.exp(rng.uniform(Math.log(0.01), Math.log(2))); one[i] = 1; }
        Conditioning c = ScoreUnetTest.conditioning(sigma, FEATURES, 3);
        String load = load();
        net.trainStep(x, c, sigma, eps, one, 1e-4, AdamConfig.DEFAULT, 0.999);   // warm-up
        long cpu0 = cpu(), t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) net.trainStep(x, c, sigma, eps, one, 1e-4, AdamConfig.DEFAULT, 0.999);
        long t1 = System.nanoTime(), cpu1 = cpu();
        double stepMs = (t1 - t0) / 1e6 / steps, cpuPerWall = (double) (cpu1 - cpu0) / (t1 - t0);
        net.score(x, c, false);
        long f0 = System.nanoTime();
        for (int s = 0; s < steps; s++) net.score(x, c, false);
        double fwdMs = (System.nanoTime() - f0) / 1e6 / steps;
        System.out.printf("BENCH unet 1x%dx%d base %d (%d params) batch %d, torch threads %d, OPENBLAS_NUM_THREADS=%s, mkldnn %s, load %s:%n"
                        + "BENCH   train step %.0f ms (process CPU %.2f s per wall s); no-grad forward %.0f ms%n",
                H, W, base, net.parameterCount(), BATCH, torch.get_num_threads(), System.getenv("OPENBLAS_NUM_THREADS"), torch.hasMKLDNN(),
                load, stepMs, cpuPerWall, fwdMs);
        Map<String, Double> ops = opProfile(base, reps);
        double total = ops.values().stream().mapToDouble(Double::doubleValue).sum();
        for (var e : ops.entrySet())
            System.out.printf("BENCH   op %-34s %7.1f ms  %4.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / total);
        System.out.printf("BENCH   op sum %.0f ms (the step measured %.0f ms)%n", total, stepMs);
    }

    /**
     * Seconds per point of the full Jacobian at 1x28x28: forward mode in float64 (what {@code jacobian} uses for vector
     * output, default chunks), then batched reverse mode in float32 and float64 ({@code scorescope.bench.pass} rows per
     * pass). Warm-up: one jvp and one vjp of one point (forward- and reverse-mode kernels in float64), not a whole
     * Jacobian. Also prints the largest relative (Frobenius) difference between the forward- and reverse-mode float64
     * Jacobians, and the process's peak resident memory after the forward-mode run.
     */
    @Test
    void fullJacobianPerPoint() {
        int threads = Integer.getInteger("scorescope.bench.threads", 1), base = Integer.getInteger("scorescope.bench.base", 32);
        int points = Integer.getInteger("scorescope.bench.points", 2);
        ScoreUnet net = ScoreUnet.create(new ScoreUnet.Shape(1, H, W, base, Integer.getInteger("scorescope.bench.bottleneck", 1)), FEATURES, new Rng(1));
        torch.set_num_threads(threads);
        Rng rng = new Rng(2);
        Mat x = rng.gaussian(points, H * W);
        double[] sigma = new double[points];
        java.util.Arrays.fill(sigma, 0.1);
        Conditioning c = ScoreUnetTest.conditioning(sigma, FEATURES, 3);
        String load = load();
        Conditioning c1 = ScoreUnetTest.conditioning(new double[] {0.1}, FEATURES, 3);
        net.jvp(x.rows(0, 1), x.rows(0, 1), c1, true);   // warm-up
        net.vjp(x.rows(0, 1), x.rows(0, 1), c1, true);
        long cpu0 = cpu(), t0 = System.nanoTime();
        Mat[] forward = net.jacobian(x, c, true);
        long t1 = System.nanoTime(), cpu1 = cpu();
        System.out.printf("BENCH unet jacobian forward mode Double base %d (%d bottleneck blocks), %d points, %d tangents per chunk, torch threads %d, load %s: %.2f s per point (process CPU %.2f s per wall s), peak RSS %s%n",
                base, net.shape().bottleneck(), points, UnetTangents.chunk(net.shape()), torch.get_num_threads(), load, (t1 - t0) / 1e9 / points,
                (double) (cpu1 - cpu0) / (t1 - t0), peakRss());
        int pass = Integer.getInteger("scorescope.bench.pass", 64);
        for (torch.ScalarType type : new torch.ScalarType[] {torch.ScalarType.Float, torch.ScalarType.Double}) {
            cpu0 = cpu();
            t0 = System.nanoTime();
            Mat[] reverse = net.jacobianReverse(x, c, true, pass, type);
            t1 = System.nanoTime();
            cpu1 = cpu();
            System.out.printf("BENCH unet jacobian reverse mode %s base %d, %d points, %d rows per pass, torch threads %d, load %s: %.2f s per point (process CPU %.2f s per wall s)%n",
                    type, base, points, pass, torch.get_num_threads(), load(), (t1 - t0) / 1e9 / points, (double) (cpu1 - cpu0) / (t1 - t0));
            double diff = 0;
            for (int i = 0; i < points; i++) diff = Math.max(diff, reverse[i].minus(forward[i]).frobenius() / reverse[i].frobenius());
            System.out.printf("BENCH   largest relative difference to forward mode (float64): %.2e%n", diff);
        }
    }

    /** VmHWM from /proc/self/status. */
    private static String peakRss() {
        try {
            return Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Forward + backward ms of each op class at the network's shapes, summed over the layers (median of reps). */
    private static Map<String, Double> opProfile(int c, int reps) {
        Map<String, Double> out = new LinkedHashMap<>();
        // (in, out, size) of every 3x3 convolution, in forward order
        int[][] conv3 = {{1, c, 28}, {c, c, 28}, {c, c, 28}, {c, 2 * c, 14}, {2 * c, 2 * c, 14}, {2 * c, 2 * c, 7}, {2 * c, 2 * c, 7},
                {4 * c, 2 * c, 14}, {2 * c, 2 * c, 14}, {3 * c, c, 28}, {c, c, 28}, {c, 1, 28}};
        int[][] conv1 = {{c, 2 * c, 14}, {4 * c, 2 * c, 14}, {3 * c, c, 28}};
        // (channels, size) of every group norm and SiLU input
        int[][] norms = {{c, 28}, {c, 28}, {c, 14}, {2 * c, 14}, {2 * c, 7}, {2 * c, 7}, {4 * c, 14}, {2 * c, 14}, {3 * c, 28}, {c, 28}, {c, 28}};
        double conv28 = 0, convLow = 0;
        for (int[] k : conv3) {
            double t = time(reps, () -> conv(k[0], k[1], k[2], 3));
            if (k[2] == 28) conv28 += t; else convLow += t;
        }
        out.put("conv 3x3 at 28x28 (6 layers)", conv28);
        out.put("conv 3x3 at 14x14 and 7x7 (6 layers)", convLow);
        double c1 = 0;
        for (int[] k : conv1) c1 += time(reps, () -> conv(k[0], k[1], k[2], 1));
        out.put("conv 1x1 skips (3)", c1);
        double gn = 0, silu = 0;
        for (int[] k : norms) {
            gn += time(reps, () -> groupNorm(k[0], k[1]));
            silu += time(reps, () -> silu(k[0], k[1]));
        }
        out.put("group norm (11, elementwise ops)", gn);
        out.put("silu (11)", silu);
        out.put("down, up, concat, embedding adds", time(reps, () -> resampling(c)));
        long params = ScoreUnet.parameterCount(new ScoreUnet.Shape(1, 28, 28, c), FEATURES);
        out.put("Adam + EMA update (" + params + " params)", time(reps, () -> adam(params)));
        return out;
    }

    /** Median ms of the Runnable that {@code setup} returns; the setup (random inputs) is not timed. */
    private static double time(int reps, Supplier<Runnable> setup) {
        try (Engine.Scope s = Engine.scope()) { setup.get().run(); }   // warm-up
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            try (Engine.Scope s = Engine.scope()) {
                Runnable r = setup.get();
                long t0 = System.nanoTime();
                r.run();
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private static Tensor leaf(long... shape) {
        Tensor t = torch.randn(shape);
        t.set_requires_grad(true);
        return t;
    }

    private static void backward(Tensor y, Tensor... inputs) {
        torch.grad(new TensorVector(y), new TensorVector(inputs), new TensorVector(torch.ones_like(y)), new BoolOptional(false), false, true);
    }

    private static Runnable conv(int in, int out, int size, int k) {
        Tensor x = leaf(BATCH, in, size, size), w = leaf(out, in, k, k), b = leaf(out);
        return () -> backward(torch.conv2d(x, w, new TensorOptional(b), new long[] {1, 1}, new long[] {k / 2, k / 2}, new long[] {1, 1}, 1), x, w, b);
    }

    /** As ScoreUnet's group norm (8 groups, eps 1e-5, per-channel scale and shift). */
    private static Runnable groupNorm(int ch, int size) {
        Tensor h = leaf(BATCH, ch, size, size), gamma = leaf(ch), beta = leaf(ch);
        return () -> {
        Tensor g = h.reshape(BATCH, 8, -1);
        Tensor d = g.sub(g.mean(new long[] {2}, true, new ScalarTypeOptional()));
        Tensor var = d.square().mean(new long[] {2}, true, new ScalarTypeOptional());
        Tensor z = d.div(var.add(new Scalar(1e-5)).sqrt()).reshape(BATCH, ch, size, size);
        backward(z.mul(gamma.view(1, ch, 1, 1)).add(beta.view(1, ch, 1, 1)), h, gamma, beta);
        };
    }

    private static Runnable silu(int ch, int size) {
        Tensor h = leaf(BATCH, ch, size, size);
        return () -> backward(torch.silu(h), h);
    }

    private static Runnable resampling(int c) {
        Tensor h1 = leaf(BATCH, c, 28, 28), h2 = leaf(BATCH, 2 * c, 14, 14), h3 = leaf(BATCH, 2 * c, 7, 7), h4 = leaf(BATCH, 2 * c, 14, 14);
        Tensor e = leaf(BATCH, c);
        return () -> {
        List<Tensor> outs = new ArrayList<>();
        outs.add(down(h1));
        outs.add(down(h2));
        outs.add(torch.cat(new TensorVector(up(h3), h2), 1));
        outs.add(torch.cat(new TensorVector(up(h4), h1), 1));
        outs.add(h1.add(e.unsqueeze(2).unsqueeze(3)));
        for (Tensor o : outs) backward(o, h1, h2, h3, h4, e);
        };
    }

    private static Tensor down(Tensor h) {
        long n = h.size(0), ch = h.size(1), hh = h.size(2), ww = h.size(3);
        return h.reshape(n, ch, hh / 2, 2, ww / 2, 2).mean(new long[] {3, 5}, false, new ScalarTypeOptional());
    }

    private static Tensor up(Tensor h) {
        return h.repeat_interleave(2, new LongOptional(2), new LongOptional()).repeat_interleave(2, new LongOptional(3), new LongOptional());
    }

    /** The elementwise work of FlatParameters.minimise on a flat vector of n parameters. */
    private static Runnable adam(long n) {
        Tensor p = torch.randn(n), gr = torch.randn(n), m = torch.zeros(n), v = torch.zeros(n), ema = torch.zeros(n);
        return () -> {
        try (NoGradGuard g = new NoGradGuard()) {
            m.mul_(new Scalar(0.9)).add_(gr, new Scalar(0.1));
            v.mul_(new Scalar(0.999)).addcmul_(gr, gr, new Scalar(0.001));
            Tensor denom = v.sqrt().div_(new Scalar(0.5)).add_(new Scalar(1e-8));
            p.addcdiv_(m, denom, new Scalar(-1e-3));
            ema.mul_(new Scalar(0.999)).add_(p, new Scalar(0.001));
        }
        };
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
