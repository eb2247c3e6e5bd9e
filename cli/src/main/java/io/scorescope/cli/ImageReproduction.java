package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.data.TrainingData;
import io.scorescope.evaluate.Memorisation;
import io.scorescope.evaluate.SoftmaxClassifier;
import io.scorescope.field.Posterior;
import io.scorescope.field.ScoreField;
import io.scorescope.field.SmoothedEmpiricalField;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.ConstrainedMixing;
import io.scorescope.geometry.LocalFeatures;
import io.scorescope.geometry.SequenceAnalysis;
import io.scorescope.geometry.Verdict;
import io.scorescope.geometry.Verdicts;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline of {@code scorescope reproduce} on image data (digits, MNIST, Fashion-MNIST), where no true manifold
 * is known: train the score MLP and its conservative control (same budget and seed; networks per {@link ImageBudget}) on the training split, sample sequences,
 * analyse them with the model and the control (learned tangent/normal split; effective density = posterior over the
 * training images; no exact field), manifold-free constrained mixing (pi = the model's denoiser), sample quality
 * (memorisation ratio against the held-out test split, a softmax classifier trained on the training split), the
 * image figures' inputs (local features at several sigma, posterior top images), and the verdicts.
 */
final class ImageReproduction {
    static final int DEPTH = 4, FREQUENCIES = 8;
    static final double SIGMA_MIN = 0.01, SIGMA_MAX_OVER_SCALE = 2;
    static final double[] MIXING_SIGMAS = {0.05, 0.2};
    /** Figures: local features of sequence 1 at this many levels; posterior top images of this many points. */
    static final int FEATURE_LEVELS = 4, POSTERIOR_LEVELS = 3;

    /** modelDir and controlDir: checkpoints to reuse instead of training (null: train), trained on the same images. */
    record Settings(String data, ImageBudget budget, long seed, Path modelDir, Path controlDir, Path out) {
        Settings(String data, ImageBudget budget, long seed, Path out) { this(data, budget, seed, null, null, out); }
    }

    record Analyses(AnalysisTable model, AnalysisTable control) {}

    record Claims(List<Verdict> model, List<Verdict> control, Verdict a6) {}

    /** Samples after the final denoising step, their nearest-neighbour statistics and the classifier's view of them. */
    record Quality(Mat samples, Memorisation memorisation, double testAccuracy, SoftmaxClassifier.SampleReport onSamples,
                   SoftmaxClassifier.SampleReport onHeldOut, ObjectNode json) {}

    /** Points and their training-set posteriors for the "posterior top images" figure. */
    record Posteriors(Mat points, Posterior[] posteriors) {}

    record Result(Settings settings, ImageDataset train, ImageDataset test, TrainingData data, double noiseScale,
                  Checkpoint.Loaded model, Checkpoint.Loaded control, SampleSequence sequences, Analyses analyses,
                  List<ConstrainedMixing> mixing, int mixingCoordinate, Quality quality, LocalFeatures[] features,
                  Posteriors posteriors, Claims claims, Map<String, Double> stageSeconds) {}

    /** Random streams of the stages (Rng(seed).split(stream)). */
    private static final long SEQUENCES = 1, MIXING = 2, QUALITY = 3, CLASSIFIER = 4;

    private ImageReproduction() {}

    /** True when --data names an image data set (this pipeline instead of the manifold one). */
    static boolean handles(String data) { return data != null && ImageSets.handles(data); }

    static Result run(Settings s) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        ImageDataset[] split = Reproduction.timed(seconds, "data", () -> new ImageDataset[] {ImageSets.resolve(s.data()), ImageSets.resolve(testSpec(s.data()))});
        ImageDataset train = split[0], test = split[1];
        TrainingData data = new TrainingData(s.data(), Optional.empty(), train.images(), train.info());
        ImageBudget b = s.budget().forDim(train.dim());
        Settings settings = new Settings(s.data(), b, s.seed(), s.modelDir(), s.controlDir(), s.out());
        Optional<Checkpoint.Loaded> givenModel = given(s.modelDir(), "--model", train, false);
        Optional<Checkpoint.Loaded> givenControl = given(s.controlDir(), "--control", train, true);
        AtomicFiles.ensureWritableDir(s.out());
        double scale = Reproduction.noiseScale(train.images());
        Checkpoint.Loaded model = Reproduction.timed(seconds, "train_model", () -> givenModel.orElseGet(() ->
                train(s.out().resolve(Reproduction.MODEL_DIR), b.model(), data, settings, scale, "train model")));
        Checkpoint.Loaded control = Reproduction.timed(seconds, "train_control", () -> givenControl.orElseGet(() ->
                train(s.out().resolve(Reproduction.CONTROL_DIR), b.control(), data, settings, scale, "train control")));
        SampleSequence seq = Reproduction.timed(seconds, "sequences", () -> SampleCommand.run(model.model(), samplerConfig(model, b), b.sequences(),
                stream(s, SEQUENCES), "sample sequences").sequence());
        SequenceAnalysis.References refs = new SequenceAnalysis.References(Optional.empty(), Optional.of(train.images()));
        Analyses analyses = Reproduction.timed(seconds, "analysis", () -> new Analyses(
                analyse("analyse model", model.model(), seq, b, refs), analyse("analyse control", control.model(), seq, b, refs)));
        LocalFeatures[] features = Reproduction.timed(seconds, "features", () -> features(model.model(), seq));
        Posteriors posteriors = Reproduction.timed(seconds, "posteriors", () -> posteriors(train.images(), seq));
        int coordinate = widestPixel(train.images());
        List<ConstrainedMixing> mixing = Reproduction.timed(seconds, "mixing", () -> mix(model, control, train.images(), coordinate, settings));
        Quality quality = Reproduction.timed(seconds, "sample_quality", () -> quality(model.model(), samplerConfig(model, b), b.qualitySamples(), train, test, s.seed()));
        Claims claims = new Claims(Verdicts.all(analyses.model()), Verdicts.all(analyses.control()), Verdicts.a6(mixing));
        return new Result(settings, train, test, data, scale, model, control, seq, analyses, mixing, coordinate, quality, features,
                posteriors, claims, seconds);
    }

    /**
     * A checkpoint to reuse: it must have been trained on these images (same description), and a control must be
     * conservative (energy or energy-edm).
     */
    static Optional<Checkpoint.Loaded> given(Path dir, String option, ImageDataset train, boolean control) {
        if (dir == null) return Optional.empty();
        Checkpoint.Loaded c = Checkpoint.load(dir);
        if (!Json.sameContent(c.data(), train.info()))
            throw new InputException(option + " " + dir + " was trained on " + c.data().path("spec").asText("other data")
                    + ", not on the training images of --data " + train.info().path("spec").asText());
        Parameterisation p = c.model().spec().parameterisation();
        if (control && !p.conservative())
            throw new InputException("--control " + dir + " is a '" + p.cliName() + "' model; the control must be conservative "
                    + "(scorescope train --model energy [--param edm])");
        return Optional.of(c);
    }

    /** The same spec with split=test: the held-out images (never trained on) for the memorisation ratio and the classifier. */
    static String testSpec(String spec) {
        String[] parts = spec.split(":", 2);
        List<String> kept = new ArrayList<>();
        if (parts.length > 1)
            for (String tok : parts[1].split(",")) {
                String t = tok.trim();
                if (t.isEmpty()) continue;
                if (t.startsWith("split=")) {
                    if (!t.equals("split=train"))
                        throw new InputException("reproduce trains on the training split and holds out the test split; drop '" + t + "' from --data " + spec);
                    continue;
                }
                kept.add(t);
            }
        kept.add("split=test");
        return parts[0] + ":" + String.join(",", kept);
    }

    static Checkpoint.Loaded train(Path dir, Parameterisation p, TrainingData data, Settings s, double scale, String task) {
        AtomicFiles.ensureWritableDir(dir);
        ImageBudget b = s.budget();
        TrainConfig cfg = TrainConfig.DEFAULT.withSteps(b.trainSteps()).withBatch(b.batch()).withLr(b.lr()).withSeed(s.seed())
                .withSigmaRange(SIGMA_MIN, SIGMA_MAX_OVER_SCALE * scale);
        ModelSpec spec = new ModelSpec(data.dim(), b.hidden(), DEPTH, FREQUENCIES, p, TrainCommand.sigmaData(data.points()));
        try (Progress bar = new Progress(task, cfg.steps())) {
            Trainer.train(dir, spec, data.points(), data.info(), cfg, TrainCommand.listener(bar));
        }
        TrainCommand.writeProvenance(dir, spec, cfg, data);
        return Checkpoint.load(dir);
    }

    static SamplerConfig samplerConfig(Checkpoint.Loaded model, ImageBudget b) {
        return SamplerConfig.defaults(model.config().sigmaMin(), model.config().sigmaMax())
                .withSampler("reverse-sde").withSchedule("geometric", b.samplerSteps());
    }

    private static AnalysisTable analyse(String task, ScoreField field, SampleSequence seq, ImageBudget b, SequenceAnalysis.References refs) {
        int levels = SequenceAnalysis.levelSteps(seq.sigmas(), b.levels()).length;
        try (Progress bar = new Progress(task, levels)) {
            return SequenceAnalysis.run(field, seq, b.levels(), refs, bar::stepTo);
        }
    }

    /** Full SVDs (with singular vectors) of the model's Jacobian along sequence 1 at FEATURE_LEVELS levels. */
    static LocalFeatures[] features(ScoreField model, SampleSequence seq) {
        int[] steps = SequenceAnalysis.levelSteps(seq.sigmas(), FEATURE_LEVELS);
        LocalFeatures[] out = new LocalFeatures[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double sigma = seq.sigma(steps[i]);
            out[i] = LocalFeatures.of(model.jacobian(seq.atStep(steps[i]).rows(0, 1), sigma)[0], sigma);
        }
        return out;
    }

    /** Training-set posteriors of sequence 1 at POSTERIOR_LEVELS levels and of sequence 2 (if any) at the middle one. */
    static Posteriors posteriors(Mat train, SampleSequence seq) {
        SmoothedEmpiricalField empirical = new SmoothedEmpiricalField(train);
        int[] steps = SequenceAnalysis.levelSteps(seq.sigmas(), POSTERIOR_LEVELS);
        List<double[]> pts = new ArrayList<>();
        List<Posterior> post = new ArrayList<>();
        for (int step : steps) {
            pts.add(seq.point(0, step));
            post.add(empirical.posterior(seq.point(0, step), seq.sigma(step)));
        }
        if (seq.n() > 1) {
            int mid = steps[steps.length / 2];
            pts.add(seq.point(1, mid));
            post.add(empirical.posterior(seq.point(1, mid), seq.sigma(mid)));
        }
        return new Posteriors(Mat.stackRows(pts.toArray(double[][]::new), train.cols()), post.toArray(Posterior[]::new));
    }

    /** The pixel of largest variance over the training images (its denoised value's autocorrelation is reported). */
    static int widestPixel(Mat x) {
        int best = 0;
        double bestVar = -1;
        for (int k = 0; k < x.cols(); k++) {
            double m = 0, q = 0;
            for (int i = 0; i < x.rows(); i++) { m += x.get(i, k); q += x.get(i, k) * x.get(i, k); }
            double var = q / x.rows() - (m / x.rows()) * (m / x.rows());
            if (var > bestVar) { bestVar = var; best = k; }
        }
        return best;
    }

    /**
     * Manifold-free constrained mixing at each MIXING_SIGMAS level: chains start at randomly chosen training images
     * plus sigma noise, pi = the model's denoiser at that sigma for both chains (Definitions.IMAGE_MIXING).
     */
    static List<ConstrainedMixing> mix(Checkpoint.Loaded model, Checkpoint.Loaded control, Mat train, int coordinate, Settings s) {
        List<ConstrainedMixing> out = new ArrayList<>();
        Rng rng = new Rng(s.seed()).split(MIXING);
        int chains = s.budget().mixingChains();
        try (Progress bar = new Progress("constrained mixing", MIXING_SIGMAS.length)) {
            for (int k = 0; k < MIXING_SIGMAS.length; k++) {
                double sigma = MIXING_SIGMAS[k];
                Rng r = rng.split(k);
                Mat x0 = new Mat(chains, train.cols());
                Rng pick = r.split(1);
                for (int i = 0; i < chains; i++) x0.setRow(i, train.row(pick.nextInt(train.rows())));
                x0 = x0.plus(r.split(2).gaussian(chains, train.cols()).scale(sigma));
                out.add(ConstrainedMixing.run(model.model(), control.model(), x -> model.model().denoise(x, fill(x.rows(), sigma)),
                        x0, coordinate, sigma, s.budget().mixingSteps(), r.split(3).nextLong()));
                bar.step();
            }
        }
        return out;
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * n samples of the model with the sampler cfg (plus the final denoising step), their memorisation ratio against
     * the test split, and the softmax classifier (trained on the training split) applied to them and to held-out images.
     */
    static Quality quality(ScoreField model, SamplerConfig sampler, int n, ImageDataset train, ImageDataset test, long seed) {
        Rng rng = new Rng(seed);
        SamplerConfig cfg = sampler.withDenoiseFinal(true);
        Mat samples = SampleCommand.run(model, cfg, n, rng.split(QUALITY).nextLong(), "quality samples").samples();
        Memorisation mem = Memorisation.measure(samples, train.images(), test.images());
        SoftmaxClassifier.Config cc = SoftmaxClassifier.Config.DEFAULT;
        SoftmaxClassifier clf = SoftmaxClassifier.train(train.images(), train.labels(),
                new SoftmaxClassifier.Config(cc.epochs(), cc.batch(), cc.lr(), cc.l2(), rng.split(CLASSIFIER).nextLong()));
        double acc = clf.accuracy(test.images(), test.labels());
        SoftmaxClassifier.SampleReport onSamples = clf.onSamples(samples), onHeldOut = clf.onSamples(test.images());
        ObjectNode o = Json.object();
        o.put("n", samples.rows()).put("sampler", cfg.sampler()).put("steps", cfg.steps()).put("denoise_final", true)
                .put("train_images", train.size()).put("heldout_images", test.size());
        o.set("memorisation", mem.toJson());
        ObjectNode c = o.putObject("classifier");
        c.put("kind", "softmax regression on pixels, trained on the training split").put("heldout_accuracy", acc);
        c.set("on_samples", onSamples.toJson());
        c.set("on_heldout", onHeldOut.toJson());
        return new Quality(samples, mem, acc, onSamples, onHeldOut, o);
    }

    private static long stream(Settings s, long k) { return new Rng(s.seed()).split(k).nextLong(); }
}
