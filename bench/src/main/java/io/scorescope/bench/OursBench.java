package io.scorescope.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Engine;
import io.scorescope.engine.EngineProbe;
import io.scorescope.engine.Linalg;
import io.scorescope.engine.AdamConfig;
import io.scorescope.engine.Conditioning;
import io.scorescope.engine.ScoreNetwork;
import io.scorescope.engine.ScoreUnet;
import io.scorescope.field.FiniteDifference;
import io.scorescope.field.ScoreField;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.NoiseFeatures;
import io.scorescope.model.Parameterisation;
import io.scorescope.model.ScoreModel;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.Samplers;
import io.scorescope.sde.StepCallback;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * The Scorescope side: training steps (MLP and U-Net), Jacobian paths with SVD, reverse-SDE sampling, matmul limit. Runs in its own JVM
 * (launched by {@link BenchMain} with the same environment as the baseline's) and prints one JSON line.
 */
public final class OursBench {
    private final Shapes.Reps reps;

    OursBench(Shapes.Reps reps) { this.reps = reps; }

    /**
     * {@code Engine.init()} pins torch's intra-op pool to 1 thread (the product setting); the benchmark then sets the
     * requested N with at::set_num_threads and OpenBLAS to N (OPENBLAS_NUM_THREADS = N is also in the environment),
     * and reads both back.
     */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int requested = Threads.requested();
        Engine.init();
        torch.set_num_threads(requested);
        openblas_nolapack.blas_set_num_threads(requested);
        ObjectNode threads = Json.object().put("requested", requested)
                .put("torch_intra_op", torch.get_num_threads()).put("torch_interop", torch.get_num_interop_threads())
                .put("openblas", openblas_nolapack.blas_get_num_threads());
        String info = torch.get_parallel_info().getString();
        threads.put("omp_max_threads", parallelInfo(info, "omp_get_max_threads()"))
                .put("mkl_max_threads", parallelInfo(info, "mkl_get_max_threads()"))
                .put("blas", "OpenBLAS (libtorch " + Engine.torchVersion() + ")");
        threads.set("env", Threads.env());
        OursBench ours = new OursBench(Shapes.Reps.of(quick));
        ObjectNode values = Json.object(), cpu = Json.object(), extra = Json.object();
        for (Shapes.Train t : Shapes.TRAIN) {
            TrainResult r = Threads.row(cpu, t.key(), () -> ours.train(t));
            values.put(t.key(), r.samplesPerSecond());
            String d = t.key().substring("train_".length());
            extra.put("matmul_fraction_" + d, r.fraction()).put("train_gflops_" + d, r.flops() / 1e9)
                    .put("matmul_gflops_" + d, r.matmulFlops() / 1e9);
        }
        ObjectNode unet = Json.object(), errors = Json.object();
        try {
            values.put(Shapes.UNET.key(), Threads.row(cpu, Shapes.UNET.key(), () -> ours.trainUnet(Shapes.UNET, requested, unet)));
        } catch (RuntimeException e) {
            errors.put(Shapes.UNET.key(), "ours: " + e.getMessage());
        }
        threads.put("torch_intra_op_unet", torch.get_num_threads());
        for (Shapes.Jac j : Shapes.JAC) {
            JacResult r = Threads.row(cpu, j.key(), () -> ours.jacobian(j));
            values.put(j.key(), r.forward());
            extra.with("jacobian_paths").putObject("d" + j.dim()).put("forward_svd_ms", r.forward() * 1e3)
                    .put("reverse_svd_ms", r.reverse() * 1e3).put("fd_svd_ms", r.finiteDifference() * 1e3)
                    .put("svd_only_ms", r.svdOnly() * 1e3);
        }
        for (Shapes.Sampling s : Shapes.SAMPLING) values.put(s.key(), Threads.row(cpu, s.key(), () -> ours.sampling(s)));
        threads.put("torch_intra_op_after", torch.get_num_threads());
        Threads.emit(threads, values, cpu, unet, errors, extra);
    }

    /** The number after "key :" in at::get_parallel_info(), or -1 if the line is absent (e.g. no MKL in this build). */
    private static int parallelInfo(String info, String key) {
        for (String line : info.split("\n")) {
            int i = line.indexOf(key);
            if (i >= 0) {
                try {
                    return Integer.parseInt(line.substring(line.indexOf(':', i + key.length()) + 1).trim());
                } catch (RuntimeException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Training throughput and the FLOP/s fraction of the matmul limit at one shape. */
    record TrainResult(double samplesPerSecond, double flops, double matmulFlops) {
        double fraction() { return Math.min(1, flops / matmulFlops); }
    }

    TrainResult train(Shapes.Train t) {
        ScoreModel model = ScoreModel.create(Shapes.spec(t.dim(), t.hidden()), 1);
        ScoreNetwork net = model.network();
        Shapes.Batch b = Shapes.Batch.draw(t.batch(), t.dim(), 2);
        var cond = model.conditioning(b.sigma());
        // the limit: the better of two matmul probes, before and after the steps, so that a noisy moment does not lower it
        double before = EngineProbe.matmulFlops(t.batch(), t.hidden(), t.hidden(), 3 * reps.reps());
        double sec = reps.median(false,
                () -> net.trainStep(b.x(), cond, b.sigma(), b.eps(), b.weight(), 1e-4, AdamConfig.DEFAULT, 0.999));
        // forward 1 product per layer, backward 2 (input and weight gradients): 3 x 2 flops per multiply-add
        double flops = 6 * t.batch() * Shapes.macsPerRow(t.dim(), t.hidden()) / sec;
        double limit = Math.max(before, EngineProbe.matmulFlops(t.batch(), t.hidden(), t.hidden(), 3 * reps.reps()));
        return new TrainResult(t.batch() / sec, flops, limit);
    }

    /**
     * Samples per second of one ScoreUnet training step (forward, backward, Adam, EMA) on the U-Net batch, its
     * parameter count and first and last losses into report. ScoreUnet.create applies the engine's convolution thread
     * policy (SCORESCOPE_THREADS, which BenchMain sets to N in both children); the requested count is set again after it
     * and read back. Refuses to time a network whose parameter count differs from the baseline's, and fails the row when
     * the first-step losses differ ({@link Shapes#paramsMismatch}, {@link Shapes#lossMismatch}).
     */
    double trainUnet(Shapes.Unet u, int threads, ObjectNode report) {
        String params = System.getProperty(Shapes.BASELINE_UNET_PARAMS), loss = System.getProperty(Shapes.BASELINE_UNET_LOSS);
        if (params == null || loss == null) throw new IllegalStateException("no baseline U-Net to compare with (its row failed)");
        ScoreUnet net = ScoreUnet.create(new ScoreUnet.Shape(u.channels(), u.size(), u.size(), u.base()), u.features(), new Rng(u.seed()));
        report.put("torch_intra_op_after_create", torch.get_num_threads());
        torch.set_num_threads(threads);
        report.put("params", net.parameterCount());
        String mismatch = Shapes.paramsMismatch(net.parameterCount(), Long.parseLong(params));
        if (mismatch != null) throw new IllegalStateException(mismatch);
        Shapes.Batch b = Shapes.Batch.draw(u.batch(), u.dim(), 2);
        Conditioning cond = Parameterisation.EPS.conditioning(b.sigma(), Shapes.SIGMA_DATA, new NoiseFeatures(Shapes.FREQUENCIES));
        double[] losses = {Double.NaN, Double.NaN, 0};   // first, last, steps
        double sec = reps.median(true, () -> {
            losses[1] = net.trainStep(b.x(), cond, b.sigma(), b.eps(), b.weight(), 1e-4, AdamConfig.DEFAULT, 0.999);
            if (losses[2]++ == 0) losses[0] = losses[1];
        });
        Json.putFinite(report, "first_loss", losses[0]);
        Json.putFinite(report, "last_loss", losses[1]);
        mismatch = Shapes.lossMismatch(losses[0], Double.parseDouble(loss));
        if (mismatch != null) throw new IllegalStateException(mismatch);
        return u.batch() / sec;
    }

    /** Per-point seconds for Jacobian + full SVD along each path, and the SVD alone. */
    record JacResult(double forward, double reverse, double finiteDifference, double svdOnly) {}

    JacResult jacobian(Shapes.Jac j) {
        ScoreModel model = ScoreModel.create(Shapes.spec(j.dim(), j.hidden()), 3);
        Mat x = new Rng(4).gaussian(j.points(), j.dim());
        double[] sigma = new double[j.points()];
        Arrays.fill(sigma, 0.1);
        boolean heavy = j.dim() > 100;
        Map<String, BiFunction<Mat, double[], Mat[]>> paths = new LinkedHashMap<>();
        paths.put("forward", model::jacobian);
        paths.put("reverse", model::jacobianReverse);
        paths.put("fd", (p, s) -> FiniteDifference.jacobian(model, p, s));
        double[] out = new double[4];
        int i = 0;
        for (var path : paths.values()) out[i++] = reps.median(heavy, () -> Linalg.svd(path.apply(x, sigma))) / j.points();
        Mat[] jac = model.jacobian(x, sigma);
        out[3] = reps.median(heavy, () -> Linalg.svd(jac)) / j.points();
        return new JacResult(out[0], out[1], out[2], out[3]);
    }

    /** Network evaluations (rows scored) per second of the reverse-SDE sampler. */
    double sampling(Shapes.Sampling s) {
        ScoreModel model = ScoreModel.create(Shapes.spec(s.dim(), s.hidden()), 5);
        long[] rows = new long[1];
        ScoreField counted = new ScoreField() {
            @Override public int dim() { return model.dim(); }
            @Override public Mat score(Mat x, double[] sigma) { rows[0] += x.rows(); return model.score(x, sigma); }
            @Override public String describe() { return model.describe(); }
        };
        SamplerConfig cfg = SamplerConfig.defaults().withSampler("reverse-sde").withSchedule("geometric", s.steps())
                .withDenoiseFinal(false);
        Rng rng = new Rng(6);
        Mat x0 = Prior.ISOTROPIC.draw(s.chains(), s.dim(), cfg.sigmaMax(), rng.split(1));
        Timing.Call run = () -> Samplers.sample(counted, x0, cfg, rng.split(2), StepCallback.NONE);
        Samplers.sample(counted, x0, cfg, rng.split(2), StepCallback.NONE);   // counts the rows of one run
        long perRun = rows[0];
        double sec = reps.median(true, run);
        return perRun / sec;
    }
}
