package io.scorescope.lid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.field.ScoreField;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Json;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The known-dimension benchmark: for each data set, n standardised points, a small score model trained by DSM
 * within a fixed step budget (or reused from {@code DIR/models/NAME} when its step count, data and seed match),
 * then every estimator of {@link LidEstimators#NAMES} with its fixed default rule at the first m rows. Scores:
 * mean estimate, MAE against the per-point truth, concordance index (mixed-dimension data only) and seconds.
 * Model: eps-parameterised MLP (the recipe of docs/science.md), sigma_data = 1 (the data are standardised), sigma log-uniform
 * in [0.01, 2], Adam 2e-3 with warm-up and cosine decay by step count, EMA 0.999.
 */
public final class LidBench {
    /**
     * Settings of one run.
     *
     * @param datasets benchmark names
     * @param n        points per data set (training set and reference set of the data-only estimators)
     * @param queries  points at which every estimator is evaluated
     * @param steps    training steps per model (the budget)
     * @param batch    training batch
     * @param hidden   MLP width
     * @param depth    MLP depth
     * @param seed     seed of data, training and estimators
     */
    public record Config(List<String> datasets, int n, int queries, int steps, int batch, int hidden, int depth, long seed) {
        /** {@code --quick}: the representative subset with a small budget (55 s with 4000 steps measured; 10 000 here). */
        public static Config quick() { return new Config(LidBenchmarks.QUICK, 2000, 100, 10_000, 256, 128, 3, 0); }

        /** The full suite: every data set, each model trained like the default {@code train} (30 000 steps, batch 512). */
        public static Config full() { return new Config(LidBenchmarks.NAMES, 4000, 400, 30_000, 512, 128, 4, 0); }

        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.putPOJO("datasets", datasets);
            o.put("n", n).put("queries", queries).put("train_steps", steps).put("batch", batch).put("hidden", hidden)
                    .put("depth", depth).put("seed", seed);
            return o;
        }
    }

    /** One table row. Non-finite values mean "not applicable" (e.g. concordance on single-dimension data). */
    public record Row(String dataset, String estimator, String rule, double truth, double meanEstimate, double mae,
                      double concordance, double meanStandardError, double seconds) {}

    /** A data set's model: training seconds (0 when reused) and the final logged DSM loss. */
    public record ModelInfo(String dataset, boolean reused, double seconds, double finalLoss) {}

    /** Progress reports: messages, and each model's training steps. */
    public interface Listener {
        void message(String text);

        /** Called before a model is trained; the returned listener sees its steps and is closed afterwards. */
        default Training training(String dataset, int steps) { return Training.NONE; }

        Listener NONE = t -> { };
    }

    /** The training steps of one model. */
    public interface Training extends Trainer.Listener, AutoCloseable {
        @Override void close();

        /** Steps go to {@code steps}; {@code close} runs when the model is trained. */
        static Training of(Trainer.Listener steps, Runnable close) {
            return new Training() {
                @Override public void onStep(int step, int total, double loss, double lr) { steps.onStep(step, total, loss, lr); }
                @Override public void close() { close.run(); }
            };
        }

        Training NONE = of(Trainer.Listener.NONE, () -> { });
    }

    public record Outcome(List<Row> rows, List<ModelInfo> models, double seconds) {}

    private LidBench() {}

    public static Outcome run(Path dir, Config cfg, Listener listener) {
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        List<ModelInfo> models = new ArrayList<>();
        List<LidEstimator> estimators = LidEstimators.NAMES.stream().map(LidEstimators::parse).toList();
        for (String name : cfg.datasets()) {
            LidBenchmarks.Benchmark b = LidBenchmarks.generate(name, cfg.n(), cfg.seed());
            long tt = System.nanoTime();
            Model m = model(dir.resolve("models").resolve(name), b, cfg, listener);
            models.add(new ModelInfo(name, m.reused, m.reused ? 0 : (System.nanoTime() - tt) / 1e9, m.loss));
            LidProblem p = LidProblem.firstRows(b.points(), cfg.queries(), m.field, cfg.seed());
            int[] truth = java.util.Arrays.copyOf(b.truth(), p.queries().length);
            for (LidEstimator e : estimators) {
                LidResult r = e.run(p);
                rows.add(new Row(name, e.name(), e.rule(), java.util.Arrays.stream(truth).average().orElse(Double.NaN), r.mean(),
                        LidMetrics.mae(r.estimates(), truth), b.mixed() ? LidMetrics.concordance(r.estimates(), truth) : Double.NaN,
                        r.meanStandardError(), r.seconds()));
                listener.message(String.format(java.util.Locale.ROOT, "%-16s %-24s mean %.3f  MAE %.3f  %.2fs", name, e.name(),
                        r.mean(), rows.get(rows.size() - 1).mae(), r.seconds()));
            }
        }
        return new Outcome(rows, models, (System.nanoTime() - t0) / 1e9);
    }

    private record Model(ScoreField field, boolean reused, double loss) {}

    private static Model model(Path dir, LidBenchmarks.Benchmark b, Config cfg, Listener listener) {
        ObjectNode info = Json.object().put("kind", "lid-benchmark").put("name", b.name()).put("n", cfg.n()).put("seed", cfg.seed())
                .put("description", b.description()).put("standardised_by", b.scale());
        if (Files.exists(dir.resolve(Checkpoint.WEIGHTS))) {
            Checkpoint.Loaded c = Checkpoint.load(dir);
            boolean same = c.step() == cfg.steps() && Json.sameContent(c.data(), info) && c.model().spec().hidden() == cfg.hidden()
                    && c.model().spec().depth() == cfg.depth() && c.config().batch() == cfg.batch();
            if (same) {
                listener.message("reusing the cached model in " + dir);
                double loss = c.history().isEmpty() ? Double.NaN : c.history().get(c.history().size() - 1).loss();
                return new Model(c.model(), true, loss);
            }
        }
        AtomicFiles.ensureWritableDir(dir);
        ModelSpec spec = new ModelSpec(b.dim(), cfg.hidden(), cfg.depth(), 8, Parameterisation.EPS, 1.0);
        TrainConfig tc = TrainConfig.DEFAULT.withSteps(cfg.steps()).withBatch(cfg.batch()).withSeed(cfg.seed())
                .withLogEvery(50).withCheckpointEvery(Math.max(50, cfg.steps() / 50 * 50));
        listener.message("training " + b.name() + " (" + cfg.steps() + " steps, D=" + b.dim() + ")");
        Trainer.Result r;
        try (Training t = listener.training(b.name(), cfg.steps())) {
            r = Trainer.train(dir, spec, b.points(), info, tc, t);
        }
        double loss = r.history().isEmpty() ? Double.NaN : r.history().get(r.history().size() - 1).loss();
        return new Model(r.model(), false, loss);
    }
}
