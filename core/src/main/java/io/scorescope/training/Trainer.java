package io.scorescope.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Engine;
import io.scorescope.engine.AdamConfig;
import io.scorescope.engine.ScoreNetwork;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.ScoreModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Denoising score matching (Vincent 2011) for variance-exploding noise. At step t a batch is drawn from
 * the stream Rng(seed).split(t) only: indices i_b into the training set, sigma_b from the noise distribution,
 * eps_b ~ N(0, I); x_b = y_{i_b} + sigma_b eps_b, and the loss is
 * L = (1/B) sum_b (1/D) |sigma_b g_{sigma_b}(x_b) + eps_b|^2, minimised exactly by the score of q_sigma.
 * Because a batch depends on (seed, t) alone, a run resumed from a checkpoint retraces the uninterrupted one.
 */
public final class Trainer {
    /** Progress and loss reports. */
    public interface Listener {
        void onStep(int step, int total, double loss, double lr);
        Listener NONE = (s, t, l, r) -> { };
    }

    /** The result of a run. */
    public record Result(ScoreModel model, List<LossRecord> history, int steps) {}

    private Trainer() {}

    /** Trains a new model from scratch, writing checkpoints and loss.csv into {@code dir}. */
    public static Result train(Path dir, ModelSpec spec, Mat data, ObjectNode dataInfo, TrainConfig cfg, Listener listener) {
        Engine.init();
        ScoreModel model = ScoreModel.create(spec, cfg.seed());
        return run(dir, model, data, dataInfo, cfg, 0, 0, new ArrayList<>(), listener);
    }

    /** Continues the run saved in {@code dir} up to its configured step count. */
    public static Result resume(Path dir, Mat data, Listener listener) {
        Checkpoint.Loaded c = Checkpoint.load(dir);
        return run(dir, c.model(), data, c.data(), c.config(), c.step(), c.wallSeconds(), new ArrayList<>(c.history()), listener);
    }

    /** Steps start..steps; {@code priorWall}: training wall seconds of the runs before this one (kept in checkpoints). */
    private static Result run(Path dir, ScoreModel model, Mat data, ObjectNode dataInfo, TrainConfig cfg, int start, double priorWall,
                              List<LossRecord> history, Listener listener) {
        long t0 = System.nanoTime();
        if (data.cols() != model.dim()) throw new IllegalArgumentException("data dimension " + data.cols() + " != model " + model.dim());
        Rng root = new Rng(cfg.seed());
        ScoreNetwork net = model.network();
        int d = data.cols();
        double window = 0;
        int inWindow = 0;
        int lastSaved = start;
        for (int step = start; step < cfg.steps(); step++) {
            Rng r = root.split(step);
            Mat x = new Mat(cfg.batch(), d);
            Mat eps = new Mat(cfg.batch(), d);
            double[] sigma = new double[cfg.batch()];
            double[] weight = new double[cfg.batch()];
            for (int b = 0; b < cfg.batch(); b++) {
                int i = r.nextInt(data.rows());
                sigma[b] = cfg.noise().draw(r, cfg.sigmaMin(), cfg.sigmaMax());
                weight[b] = 1;
                for (int k = 0; k < d; k++) {
                    double e = r.gaussian();
                    eps.set(b, k, e);
                    x.set(b, k, data.get(i, k) + sigma[b] * e);
                }
            }
            double lr = cfg.learningRate(step);
            double loss = net.trainStep(x, model.conditioning(sigma), sigma, eps, weight, lr, AdamConfig.DEFAULT, cfg.emaDecay());
            if (!Double.isFinite(loss))
                throw new DivergenceException("training diverged at step " + (step + 1) + " (loss " + loss + ", lr " + lr + "); "
                        + (lastSaved > 0 ? "the last good checkpoint (step " + lastSaved + ") is kept in " + dir
                                         : "no checkpoint had been written yet"));
            window += loss;
            inWindow++;
            int done = step + 1;
            if (done % cfg.logEvery() == 0 || done == cfg.steps()) {
                history.add(new LossRecord(done, window / inWindow, lr));
                window = 0;
                inWindow = 0;
            }
            if (done % cfg.checkpointEvery() == 0 || done == cfg.steps()) {
                Checkpoint.save(dir, model, cfg, done, priorWall + (System.nanoTime() - t0) / 1e9, dataInfo, history);
                lastSaved = done;
            }
            listener.onStep(done, cfg.steps(), loss, lr);
        }
        return new Result(model, history, cfg.steps());
    }

    /** Per-coordinate DSM loss (1/n) sum (1/D)|sigma g + eps|^2 of a field on given draws (held-out evaluation). */
    public static double dsmLoss(io.scorescope.field.ScoreField field, Mat x, double[] sigma, Mat eps) {
        Mat g = field.score(x, sigma);
        double total = 0;
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int k = 0; k < x.cols(); k++) {
                double v = sigma[i] * g.get(i, k) + eps.get(i, k);
                s += v * v;
            }
            total += s / x.cols();
        }
        return total / x.rows();
    }
}
