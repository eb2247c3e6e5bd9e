package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.Manifold;
import io.scorescope.data.TrainingData;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.ConstrainedMixing;
import io.scorescope.geometry.SequenceAnalysis;
import io.scorescope.geometry.Verdict;
import io.scorescope.geometry.Verdicts;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.report.ManifoldFigure;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pipeline of {@code scorescope reproduce}, one small function per stage, each behind a progress bar:
 * data, train (or adopt) the eps-parameterised score model and the energy-parameterised control with the same
 * budget and seed, sample sequences with the model, analyse them (spec section 4) with the model, the exact field
 * and the control at the same points, constrained mixing at two small noise levels (section 9), sample quality,
 * the Figure-1 analogue, and the verdicts. Every random stream is derived from the one seed.
 */
final class Reproduction {
    /** Architecture of both models: the spec's recipe, an MLP 4 x 128 (SiLU) with 8 Fourier features of log sigma. */
    static final int HIDDEN = 128, DEPTH = 4, FREQUENCIES = 8;
    /** Mixing noise levels for unit-scale data (spec section 9), multiplied by the noise scale s. */
    static final double[] MIXING_SIGMAS = {0.05, 0.2};
    /** Training (and so sampling) noise range for unit-scale data, multiplied by s. */
    static final double SIGMA_MIN = 0.01, SIGMA_MAX = 2;
    static final String MODEL_DIR = "model", CONTROL_DIR = "control", MODEL_FILE = "model.pt";

    /**
     * What the user asked for; {@code data}, {@code modelDir}, {@code modelFile} (a TorchScript spec, see
     * {@link ModelSource#fromTorchScript}) and {@code controlDir} may be null, at most one of the two models given.
     */
    record Settings(String data, Budget budget, long seed, Path modelDir, String modelFile, Path controlDir, Path out) {}

    /** The same sequence points analysed with three fields. */
    record Analyses(AnalysisTable model, AnalysisTable exact, AnalysisTable control) {}

    /** Verdicts A2-rise, A2-spread, A3, A4, A5 on each table (science.md rules), and A6 from the mixing runs. */
    record Claims(List<Verdict> model, List<Verdict> exact, List<Verdict> control, Verdict a6) {}

    record Result(Settings settings, TrainingData data, Manifold manifold, double noiseScale, ModelSource model,
                  ModelSource control, SampleSequence sequences, Analyses analyses, List<ConstrainedMixing> mixing,
                  ObjectNode quality, ManifoldFigure figureOne, Claims claims, Map<String, Double> stageSeconds) {}

    /** Random streams of the stages (Rng(seed).split(stream)). */
    private static final long SEQUENCES = 1, MIXING = 2, QUALITY = 3, FIGURE = 4;

    private Reproduction() {}

    static Result run(Settings s) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (s.modelFile() != null && s.data() == null)
            throw new InputException("--model-file needs --data NAME (the built-in manifold the model was trained on)");
        Optional<ModelSource> givenModel = s.modelFile() != null ? Optional.of(ModelSource.fromTorchScript(s.modelFile()))
                : Optional.ofNullable(s.modelDir()).map(ModelSource::fromCheckpoint);
        Optional<ModelSource> givenControl = Optional.ofNullable(s.controlDir()).map(ModelSource::fromCheckpoint);
        givenControl.ifPresent(c -> {
            Parameterisation p = c.checkpoint().orElseThrow().model().spec().parameterisation();
            if (!p.conservative())
                throw new InputException("--control " + s.controlDir() + " is a '" + p.cliName()
                        + "' model; the control must be energy-parameterised (scorescope train --model energy)");
        });
        TrainingData data = timed(seconds, "data", () -> resolveData(s, givenModel, givenControl));
        Manifold m = data.manifold().orElseThrow(() -> new InputException(
                "reproduce needs a built-in manifold (see 'scorescope data list'), not the file " + data.spec()));
        AtomicFiles.ensureWritableDir(s.out());
        double scale = noiseScale(data.points());
        if (givenModel.isPresent() && givenModel.get().dim() != data.dim())
            throw new InputException("the model has dimension " + givenModel.get().dim() + ", the data " + data.spec() + " " + data.dim());
        ModelSource model = timed(seconds, "train_model", () -> s.modelFile() != null
                ? adoptFile(givenModel.get(), s.out().resolve(MODEL_FILE))
                : givenModel.isPresent() ? adopt(s.modelDir(), s.out().resolve(MODEL_DIR), givenModel.get())
                : train(s.out().resolve(MODEL_DIR), Parameterisation.EPS, data, s, scale, "train model"));
        ModelSource control = timed(seconds, "train_control", () -> givenControl.isPresent()
                ? adopt(s.controlDir(), s.out().resolve(CONTROL_DIR), givenControl.get())
                : train(s.out().resolve(CONTROL_DIR), Parameterisation.ENERGY, data, s, scale, "train control"));
        SampleSequence seq = timed(seconds, "sequences", () -> sampleSequences(model, scale, s));
        Analyses analyses = timed(seconds, "analysis", () -> analyse(model.field(), control.field(), m, data, seq, s.budget()));
        List<ConstrainedMixing> mixing = timed(seconds, "mixing", () -> mix(model.field(), control.field(), m, scale, s));
        ObjectNode quality = timed(seconds, "sample_quality", () -> EvaluateCommand.evaluate(model.field(), data,
                model.sigmaRange(() -> scale), s.budget().qualitySamples(), "reverse-sde", s.budget().samplerSteps(),
                s.budget().lossDraws(), stream(s, QUALITY)));
        ManifoldFigure fig = timed(seconds, "figure_1", () -> {
            try (Progress bar = new Progress("figure 1", 1)) {
                ManifoldFigure f = FigureOne.build(model.field(), m, scale, s.budget().figurePoints(), stream(s, FIGURE));
                bar.step();
                return f;
            }
        });
        Claims claims = judge(analyses, mixing);
        return new Result(s, data, m, scale, model, control, seq, analyses, mixing, quality, fig, claims, seconds);
    }

    /** s = max(1, RMS |x0|) over the training points: the factor applied to the spec's unit-scale noise levels. */
    static double noiseScale(Mat points) {
        double sum = 0;
        for (double v : points.data()) sum += v * v;
        return Math.max(1, Math.sqrt(sum / points.rows()));
    }

    /**
     * The data: the given models' own training data (recreated from their description) when a model folder is
     * given, else n draws from --data (default sphere) with the seed. A given --data must name the same data.
     */
    static TrainingData resolveData(Settings s, Optional<ModelSource> model, Optional<ModelSource> control) {
        Optional<ObjectNode> info = model.flatMap(ModelSource::dataInfo).or(() -> control.flatMap(ModelSource::dataInfo));
        for (Optional<ModelSource> c : List.of(model, control)) {
            if (c.isEmpty() || c.get().dataInfo().isEmpty()) continue;
            ObjectNode d = c.get().dataInfo().get();
            String spec = ModelSource.dataSpec(d);
            if (s.data() != null && !s.data().equals(spec))
                throw new InputException("--data " + s.data() + " but the given model was trained on " + spec);
            if (!d.equals(info.get()))
                throw new InputException("--model and --control were trained on different data (" + info.get() + " vs " + d + ")");
        }
        if (info.isPresent()) return TrainingData.fromInfo(info.get());
        return TrainingData.resolve(s.data() == null ? "sphere" : s.data(), s.budget().trainPoints(), s.seed());
    }

    /** Trains one model into dir (DSM, same seed and step count for both models) and loads it back. */
    static ModelSource train(Path dir, Parameterisation p, TrainingData data, Settings s, double scale, String task) {
        AtomicFiles.ensureWritableDir(dir);
        TrainConfig cfg = TrainConfig.DEFAULT.withSteps(s.budget().trainSteps()).withSeed(s.seed())
                .withSigmaRange(SIGMA_MIN * scale, SIGMA_MAX * scale);
        ModelSpec spec = new ModelSpec(data.dim(), HIDDEN, DEPTH, FREQUENCIES, p, TrainCommand.sigmaData(data.points()));
        try (Progress bar = new Progress(task, cfg.steps())) {
            Trainer.train(dir, spec, data.points(), data.info(), cfg, TrainCommand.listener(bar));
        }
        TrainCommand.writeProvenance(dir, spec, cfg, data);
        return ModelSource.fromCheckpoint(dir);
    }

    /** A given model folder, copied into the output folder (unless it is that folder) so the run is self-contained. */
    static ModelSource adopt(Path from, Path to, ModelSource loaded) {
        try {
            if (Files.exists(to) && Files.isSameFile(from, to)) return loaded;
            AtomicFiles.ensureWritableDir(to);
            try (Progress bar = new Progress("copy " + to.getFileName(), 3)) {
                for (String name : List.of(Checkpoint.WEIGHTS, Checkpoint.LOSS, "provenance.json")) {
                    Path src = from.resolve(name);
                    if (Files.exists(src)) AtomicFiles.write(to.resolve(name), out -> Files.copy(src, out));
                    bar.step();
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
        return loaded;
    }

    /** A given TorchScript module, copied into the output folder (unless it is that file) so the run is self-contained. */
    static ModelSource adoptFile(ModelSource module, Path to) {
        Path from = Path.of(module.info().get("path").asText());
        try {
            if (!(Files.exists(to) && Files.isSameFile(from, to))) AtomicFiles.write(to, out -> Files.copy(from, out));
        } catch (IOException e) {
            throw new InputException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
        return module;
    }

    /** n sample sequences from the model: reverse SDE over its whole training range (see samplerConfig), geometric schedule. */
    static SampleSequence sampleSequences(ModelSource model, double scale, Settings s) {
        SamplerConfig cfg = samplerConfig(model, scale, s.budget());
        return SampleCommand.run(model.field(), cfg, s.budget().sequences(), stream(s, SEQUENCES), "sample sequences").sequence();
    }

    /** The model's training range, or [SIGMA_MIN s, SIGMA_MAX s] for a module (the range reproduce trains on). */
    static SamplerConfig samplerConfig(ModelSource model, double scale, Budget b) {
        double[] range = model.sigmaRange(() -> scale);
        return SamplerConfig.defaults(range[0], range[1])
                .withSampler("reverse-sde").withSchedule("geometric", b.samplerSteps());
    }

    /** SequenceAnalysis of the model, the exact field and the control at the model's sequence points. */
    static Analyses analyse(ScoreField model, ScoreField control, Manifold m, TrainingData data, SampleSequence seq, Budget b) {
        SequenceAnalysis.References refs = new SequenceAnalysis.References(Optional.of(m), Optional.of(data.points()));
        return new Analyses(analyse("analyse model", model, seq, b, refs),
                analyse("analyse exact field", new ManifoldField(m), seq, b, refs),
                analyse("analyse control", control, seq, b, refs));
    }

    private static AnalysisTable analyse(String task, ScoreField field, SampleSequence seq, Budget b, SequenceAnalysis.References refs) {
        int levels = SequenceAnalysis.levelSteps(seq.sigmas(), b.levels()).length;
        try (Progress bar = new Progress(task, levels)) {
            return SequenceAnalysis.run(field, seq, b.levels(), refs, bar::stepTo);
        }
    }

    /** Constrained mixing (spec section 9) at 0.05 s and 0.2 s, common random numbers for model and control. */
    static List<ConstrainedMixing> mix(ScoreField model, ScoreField control, Manifold m, double scale, Settings s) {
        List<ConstrainedMixing> out = new ArrayList<>();
        Rng rng = new Rng(s.seed()).split(MIXING);
        try (Progress bar = new Progress("constrained mixing", MIXING_SIGMAS.length)) {
            for (int k = 0; k < MIXING_SIGMAS.length; k++) {
                out.add(ConstrainedMixing.run(model, control, m, MIXING_SIGMAS[k] * scale,
                        s.budget().mixingChains(), s.budget().mixingSteps(), rng.split(k).nextLong()));
                bar.step();
            }
        }
        return out;
    }

    /** The science.md verdicts; A6 holds only if it holds at every mixing level (worst ratios). */
    static Claims judge(Analyses a, List<ConstrainedMixing> mixing) {
        double transport = mixing.stream().mapToDouble(ConstrainedMixing::transportRatio).min().orElse(Double.NaN);
        double distance = mixing.stream().mapToDouble(ConstrainedMixing::distanceRatio).max().orElse(Double.NaN);
        return new Claims(Verdicts.all(a.model()), Verdicts.all(a.exact()), Verdicts.all(a.control()), Verdicts.a6(transport, distance));
    }

    private static long stream(Settings s, long k) { return new Rng(s.seed()).split(k).nextLong(); }

    /** Runs work, recording its wall time in seconds under stage. */
    static <T> T timed(Map<String, Double> seconds, String stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        T r = work.get();
        seconds.put(stage, (System.nanoTime() - t0) / 1e9);
        return r;
    }
}
