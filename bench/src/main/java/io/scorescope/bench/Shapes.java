package io.scorescope.bench;

import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.NoiseFeatures;
import io.scorescope.model.Parameterisation;

/**
 * The measured configurations, shared by the Scorescope side and the DJL baseline so that both time
 * the same network (SiLU MLP of {@link #DEPTH} hidden layers, eps parameterisation, 8 noise frequencies),
 * the same loss and the same inputs.
 */
final class Shapes {
    static final int DEPTH = 4;
    static final int FREQUENCIES = 8;
    static final double SIGMA_DATA = 1.0;

    /** Training: ambient dimension, width, batch. */
    record Train(String key, int dim, int hidden, int batch) {}
    /** Jacobian + SVD: dimension, width, points per batched call. */
    record Jac(String key, int dim, int hidden, int points) {}
    /** Reverse-SDE sampling: dimension, width, chains, steps. */
    record Sampling(String key, int dim, int hidden, int chains, int steps) {}

    static final Train[] TRAIN = {new Train("train_d3", 3, 256, 512), new Train("train_d784", 784, 1024, 256)};
    static final Jac[] JAC = {new Jac("jacobian_svd_d3", 3, 256, 64), new Jac("jacobian_svd_d64", 64, 512, 8),
            new Jac("jacobian_svd_d784", 784, 1024, 1)};
    static final Sampling[] SAMPLING = {new Sampling("sampling_d3", 3, 256, 512, 50), new Sampling("sampling_d784", 784, 1024, 64, 20)};

    /**
     * U-Net training (io.scorescope.engine.ScoreUnet's architecture on both sides): images of channels x size x size,
     * base width, batch, and the seed of the weight initialisation (both sides draw the same He-uniform weights from it).
     */
    record Unet(String key, int channels, int size, int base, int batch, long seed) {
        Unet {
            if (base % GROUPS != 0) throw new IllegalArgumentException("the benchmark U-Net normalises with " + GROUPS + " groups");
        }
        int dim() { return channels * size * size; }
        /** Noise features per row (17 for K = 8 frequencies). */
        int features() { return new NoiseFeatures(FREQUENCIES).dim(); }
    }

    /** Group-norm groups of the U-Net (ScoreUnet's, for base widths that are multiples of 8). */
    static final int GROUPS = 8;
    static final Unet UNET = new Unet("train_unet_d784", 1, 28, 32, 64, 11);

    /**
     * System properties through which {@link BenchMain} hands the baseline's U-Net parameter count and first-step loss
     * to our child, which refuses to time a network that differs ({@link #paramsMismatch}, {@link #lossMismatch}).
     */
    static final String BASELINE_UNET_PARAMS = "scorescope.bench.unet.baseline_params";
    static final String BASELINE_UNET_LOSS = "scorescope.bench.unet.baseline_first_loss";

    /** Relative tolerance on the first-step losses: both sides start from the same weights and inputs in float32. */
    static final double LOSS_TOLERANCE = 1e-3;

    /** Null when the parameter counts are equal, else why the row fails. */
    static String paramsMismatch(long ours, long baseline) {
        return ours == baseline ? null : "parameter counts differ: ours " + ours + ", baseline " + baseline;
    }

    /**
     * Null when the losses of the first step (same weights, same batch, before any update) agree to
     * {@link #LOSS_TOLERANCE} relative, else why the row fails (a loss that is not finite never agrees).
     */
    static String lossMismatch(double ours, double baseline) {
        boolean ok = Double.isFinite(ours) && Double.isFinite(baseline)
                && Math.abs(ours - baseline) <= LOSS_TOLERANCE * Math.max(Math.abs(ours), Math.abs(baseline));
        return ok ? null : "first-step losses differ: ours " + ours + ", baseline " + baseline;
    }

    /**
     * Warm-up calls, timed calls, the same two for heavy calls (about a second each), and the least warm-up time:
     * some engines reach speed only after many calls.
     */
    record Reps(int warmup, int reps, int heavyWarmup, int heavyReps, double warmupSeconds) {
        static Reps of(boolean quick) { return quick ? new Reps(3, 7, 1, 3, 0.5) : new Reps(10, 31, 2, 9, 2); }

        /** Median seconds of one call, warmed up and repeated as configured. */
        double median(boolean heavy, Timing.Call call) {
            return Timing.median(heavy ? heavyWarmup : warmup, heavy ? heavyReps : reps, warmupSeconds, call);
        }
    }

    static ModelSpec spec(int dim, int hidden) {
        return new ModelSpec(dim, hidden, DEPTH, FREQUENCIES, Parameterisation.EPS, SIGMA_DATA);
    }

    /** A DSM batch: x = y + sigma eps with y ~ N(0, I), sigma log-uniform in [0.01, 2]. */
    record Batch(Mat x, double[] sigma, Mat eps, double[] weight) {
        static Batch draw(int n, int dim, long seed) {
            Rng r = new Rng(seed);
            Mat eps = r.gaussian(n, dim);
            Mat x = r.gaussian(n, dim);
            double[] sigma = new double[n], w = new double[n];
            for (int i = 0; i < n; i++) {
                sigma[i] = Math.exp(r.uniform(Math.log(0.01), Math.log(2)));
                w[i] = 1;
                for (int k = 0; k < dim; k++) x.add(i, k, sigma[i] * eps.get(i, k));
            }
            return new Batch(x, sigma, eps, w);
        }
    }

    /** Multiply-adds of one forward pass per row: sum over layers of fan_in * fan_out. */
    static double macsPerRow(int dim, int hidden) {
        int in = dim + 1 + 2 * FREQUENCIES;
        return (double) in * hidden + (DEPTH - 1) * (double) hidden * hidden + (double) hidden * dim;
    }

    private Shapes() {}
}
