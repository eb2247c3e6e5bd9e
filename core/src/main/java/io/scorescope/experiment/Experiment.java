package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Engine;
import io.scorescope.evaluate.QualityReport;
import io.scorescope.field.JacobianMemo;
import io.scorescope.field.ManifoldField;
import io.scorescope.field.ScoreField;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.Architecture;
import io.scorescope.model.ModelSpec;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleRun;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.training.Checkpoint;
import io.scorescope.training.DataMoments;
import io.scorescope.training.TrainConfig;
import io.scorescope.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The pipeline behind {@code scorescope reproduce}, the same for manifolds and images (what differs is the
 * {@link DataKind}): data; train (or adopt) the score model and the conservative control with the same budget and
 * seed; sample sequences with the model; analyse them (docs/science.md#sample_sequences) with the model, the exact
 * field when known, and the control at the same points; constrained mixing; sample quality; illustrations; verdicts.
 * Every random stream is derived from the one seed, so a run is reproducible from it.
 */
public final class Experiment {
    /** Random streams of the stages: Rng(seed).split(stream). */
    static final long SEQUENCES = 1, MIXING = 2, QUALITY = 3, FIGURE = 4;
    public static final String MODEL_DIR = "model", CONTROL_DIR = "control", MODEL_FILE = "model.pt";

    /**
     * What the user asked for. {@code data} (a built-in manifold or image spec), {@code modelDir} or {@code modelFile}
     * (a TorchScript spec, see {@link ModelSource#fromTorchScript}; at most one of the two) and {@code controlDir}
     * (an energy-model folder) may be null; {@code budget} is full, quick or tiny. {@code overrides} change the
     * networks the run trains (sweeps). {@code referenceModels}: a folder of shipped reference models
     * ({@link ReferenceModels}) to adopt when neither network is given and their data matches; null trains.
     */
    public record Settings(String data, String budget, long seed, Path modelDir, String modelFile, Path controlDir, Path out,
                           Overrides overrides, Path referenceModels) {
        public Settings {
            if (overrides == null) overrides = Overrides.NONE;
        }

        /** Settings that train whatever is not given (no reference models). */
        public Settings(String data, String budget, long seed, Path modelDir, String modelFile, Path controlDir, Path out,
                        Overrides overrides) {
            this(data, budget, seed, modelDir, modelFile, controlDir, out, overrides, null);
        }

        public Settings(String data, String budget, long seed, Path modelDir, String modelFile, Path controlDir, Path out) {
            this(data, budget, seed, modelDir, modelFile, controlDir, out, Overrides.NONE, null);
        }
    }

    /**
     * The same sequence points analysed with the model (in the reference frame: the true one, or on images the
     * control's split), the exact field (when the data has one), the control (its own frame) and, on images, the
     * model again in the training posterior's split.
     */
    public record Analyses(AnalysisTable model, Optional<AnalysisTable> exact, AnalysisTable control, Optional<AnalysisTable> posteriorFrame) {}

    /**
     * Verdicts by claim: the model's (with A6) in the reference frame, the same per-table rules on the exact field
     * (if any) and the control, and A3/A4 of the model in its own split and (images) in the training posterior's
     * split at the levels whose posterior effective sample size is >= 10.
     */
    public record Claims(Map<Claim, Verdict> model, Map<Claim, Verdict> exact, Map<Claim, Verdict> control,
                         Map<Claim, Verdict> ownFrame, Map<Claim, Verdict> posteriorFrame) {
        public static Claims judge(Analyses a, List<ConstrainedMixing> mixing, double smallSigma) {
            Map<Claim, Verdict> model = new EnumMap<>(Verdicts.all(a.model(), smallSigma));
            model.put(Claim.A6_CONSTRAINED_MIXING, Verdicts.a6(mixing));
            Map<Claim, Verdict> own = new EnumMap<>(Claim.class), posterior = new EnumMap<>(Claim.class);
            own.put(Claim.A3_NONCONSERVATIVE_WITHIN, Verdicts.a3(a.model(), smallSigma, Verdicts.Frame.OWN));
            own.put(Claim.A4_NORMAL_PROJECTION, Verdicts.a4(a.model(), smallSigma, Verdicts.Frame.OWN));
            a.posteriorFrame().ifPresent(t -> {
                List<AnalysisTable.Row> rows = t.withSigmaAtMost(smallSigma).stream()
                        .filter(r -> r.point().training() != null && r.point().training().ess() >= Verdicts.MIN_ESS).toList();
                String none = "no level at sigma <= " + smallSigma + " whose training posterior has ESS >= " + Verdicts.MIN_ESS;
                posterior.put(Claim.A3_NONCONSERVATIVE_WITHIN, Verdicts.a3(rows, smallSigma, Verdicts.Frame.REFERENCE).orReason(rows.isEmpty(), none));
                posterior.put(Claim.A4_NORMAL_PROJECTION, Verdicts.a4(rows, smallSigma, Verdicts.Frame.REFERENCE).orReason(rows.isEmpty(), none));
            });
            return new Claims(model, a.exact().map(t -> Verdicts.all(t, smallSigma)).orElse(Map.of()), Verdicts.all(a.control(), smallSigma),
                    own, posterior);
        }
    }

    /**
     * {@code models}: where the networks came from (given, reference models, or trained and why);
     * {@code analysisSigmaMax}: the highest noise level analysed ({@link #analysisSigmaMax}).
     */
    public record Result(Settings settings, DataKind kind, String models, CostEstimate estimate, ModelSource model, ModelSource control, SamplerConfig sampler, Prior prior,
                         SampleSequence sequences, double analysisSigmaMax, Analyses analyses, List<ConstrainedMixing> mixing, QualityReport quality,
                         DataKind.Illustrations illustrations, Claims claims, Map<String, Double> stageSeconds) {}

    private final Settings s;
    private final ProgressListener progress;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    private Experiment(Settings s, ProgressListener progress) {
        this.s = s;
        this.progress = progress;
    }

    public static Result run(Settings s, ProgressListener progress) { return new Experiment(s, progress).run(); }

    private Result run() {
        Optional<ModelSource> givenModel = givenModel();
        Optional<ModelSource> givenControl = Optional.ofNullable(s.controlDir()).map(ModelSource::fromCheckpoint)
                .map(c -> c.requireConservative("--control"));
        DataKind resolved = timed("data", () -> data(givenModel, givenControl));
        AtomicFiles.ensureWritableDir(s.out());
        if (givenModel.isPresent() && givenModel.get().dim() != resolved.data().dim())
            throw new InputException("the model has dimension " + givenModel.get().dim() + ", the data " + resolved.data().spec() + " " + resolved.data().dim());
        Sources use = sources(resolved, givenModel, givenControl);
        boolean convolutional = convolutional(resolved, use);
        DataKind kind = convolutional ? resolved.forConvolutionalNetworks() : resolved;
        Networks networks = timed("training", () -> networks(kind, use, convolutional));
        ModelSource model = networks.model(), control = networks.control();
        SamplerConfig sampler = samplerConfig(model, kind);
        Prior prior = model.samplerPrior(kind.data());
        SampleSequence seq = timed("sequences", () -> {
            try (ProgressListener.Task t = progress.start("sample sequences", sampler.steps() + 1)) {
                return SampleRun.draw(model.field(), sampler, prior, kind.plan().sequences(), stream(SEQUENCES), t.sampling()).sequence();
            }
        });
        // the analyses share each network's Jacobians: every (point, level) Jacobian is computed once per network
        ScoreField modelField = new JacobianMemo(model.field()), controlField = new JacobianMemo(control.field());
        List<Job> jobs = jobs(kind, modelField, controlField);
        double ceiling = analysisSigmaMax(model, control, kind);
        int[] levels = SequenceAnalysis.levelSteps(seq.sigmas(), kind.plan().levels(), ceiling);
        CostEstimate estimate = timed("cost_estimate", () -> CostEstimate.probe(kind, modelField, controlField, seq, levels, sampler,
                jobs.stream().<BiConsumer<Mat, Double>>map(j -> (x, sigma) -> new SequenceAnalysis.Level(j.field(), j.refs()).at(x, sigma)).toList()));
        progress.message(estimate.describe());
        Analyses analyses = timed("analysis", () -> analyse(jobs, seq, levels));
        List<ConstrainedMixing> mixing = timed("mixing", () -> mix(kind, model.field(), control.field()));
        QualityReport quality = timed("sample_quality", () -> {
            try (ProgressListener.Task t = progress.start("sample quality", sampler.steps() + 1)) {
                return kind.quality(model.field(), sampler, prior, s.seed(), t);
            }
        });
        DataKind.Illustrations figures = timed("figures", () -> {
            try (ProgressListener.Task t = progress.start("figures", 1)) {
                DataKind.Illustrations f = kind.illustrate(model.field(), seq, s.seed());
                t.stepTo(1);
                return f;
            }
        });
        return new Result(s, kind, use.description(), estimate, model, control, sampler, prior, seq, ceiling, analyses, mixing, quality, figures,
                Claims.judge(analyses, mixing, Verdicts.smallSigma(kind.noiseUnit())), seconds);
    }

    private Optional<ModelSource> givenModel() {
        if (s.modelFile() != null && s.modelDir() != null) throw new InputException("--model and --model-file are mutually exclusive; give one");
        if (s.modelFile() != null && s.data() == null)
            throw new InputException("--model-file needs --data NAME (the manifold or image set the model was trained on)");
        return s.modelFile() != null ? Optional.of(ModelSource.fromTorchScript(s.modelFile()))
                : Optional.ofNullable(s.modelDir()).map(ModelSource::fromCheckpoint);
    }

    /** The networks a run adopts (empty: train it) and a description of where they come from. */
    private record Sources(Optional<ModelSource> model, Optional<ModelSource> control, String description) {}

    /** Given networks; else the shipped reference pair when its data matches and no override changes the networks. */
    private Sources sources(DataKind kind, Optional<ModelSource> givenModel, Optional<ModelSource> givenControl) {
        if (givenModel.isPresent() || givenControl.isPresent())
            return new Sources(givenModel, givenControl, "given (--model/--model-file/--control); the rest trained");
        if (s.referenceModels() == null) return new Sources(Optional.empty(), Optional.empty(), "trained");
        if (!s.overrides().isNone())
            return new Sources(Optional.empty(), Optional.empty(), "trained (network overrides exclude the reference models)");
        ReferenceModels.Lookup found = ReferenceModels.find(s.referenceModels(), kind.data().info());
        return new Sources(found.pair().map(ReferenceModels.Pair::model), found.pair().map(ReferenceModels.Pair::control),
                found.pair().isPresent() ? found.description() : "trained: " + found.description());
    }

    /**
     * The data: --data, else the given checkpoints' own data (recreated from their description). Given checkpoints
     * must have been trained on the same data as each other and as --data.
     */
    private DataKind data(Optional<ModelSource> model, Optional<ModelSource> control) {
        Optional<ObjectNode> info = model.flatMap(ModelSource::dataInfo).or(() -> control.flatMap(ModelSource::dataInfo));
        for (Optional<ModelSource> c : List.of(model, control)) {
            Optional<ObjectNode> d = c.flatMap(ModelSource::dataInfo);
            if (d.isEmpty()) continue;
            if (s.data() != null && !s.data().equals(ModelSource.dataSpec(d.get())))
                throw new InputException("--data " + s.data() + " but the given model was trained on " + ModelSource.dataSpec(d.get()));
            if (!Json.sameContent(d.get(), info.get()))
                throw new InputException("--model and --control were trained on different data (" + ModelSource.dataSpec(info.get())
                        + " vs " + ModelSource.dataSpec(d.get()) + ")");
        }
        DataKind kind = DataKind.resolve(s.data(), info, s.budget(), s.seed());
        if (info.isPresent() && !Json.sameContent(info.get(), kind.data().info()))
            throw new InputException("the given model was trained on other data than " + kind.data().spec() + " (" + info.get() + ")");
        return kind;
    }

    private record Networks(ModelSource model, ModelSource control) {}

    /**
     * The score model and the control: adopted, or trained. When both train and each needs one intra-op thread
     * ({@link Engine#concurrentTrainings}), they train side by side on two threads: each run is sequential in itself and
     * draws from its own seeded streams, so the weights are those of training them one after the other.
     * {@code train_model} and {@code train_control} are each network's own wall time (they overlap when concurrent).
     * {@code convolutional}: whether either network is a U-Net (then they never share the cores).
     */
    private Networks networks(DataKind kind, Sources use, boolean convolutional) {
        TrainConfig cfg = s.overrides().apply(kind.trainConfig(s.seed()));
        boolean side = use.model().isEmpty() && use.control().isEmpty()
                && Engine.concurrentTrainings(convolutional) >= 2;
        try (ProgressListener.Task t = side ? progress.start("train model and control", 2L * cfg.steps()) : ProgressListener.Task.NONE) {
            Trainer.Listener both = side ? pairListener(t) : null;
            SideBySide.Both<ModelSource, ModelSource> pair = SideBySide.run(side,
                    () -> timed("train_model", () -> use.model().map(x -> adopt(x, MODEL_DIR)).orElseGet(() -> train(kind, false, cfg, both))),
                    () -> timed("train_control", () -> use.control().map(x -> adopt(x, CONTROL_DIR)).orElseGet(() -> train(kind, true, cfg, both))));
            return new Networks(pair.first(), pair.second());
        }
    }

    /** Whether the model or the control is a U-Net: adopted or given (a checkpoint's spec), else as it will be trained. */
    private boolean convolutional(DataKind kind, Sources use) {
        return unet(use.model()).orElseGet(() -> convolutional(kind, false)) || unet(use.control()).orElseGet(() -> convolutional(kind, true));
    }

    private static Optional<Boolean> unet(Optional<ModelSource> source) {
        return source.map(m -> m.checkpoint().map(c -> c.model().spec().architecture().kind() == Architecture.Kind.UNET).orElse(false));
    }

    private boolean convolutional(DataKind kind, boolean control) {
        return s.overrides().apply(kind.spec(control), control).architecture().kind() == Architecture.Kind.UNET;
    }

    /** One progress for two trainings: the sum of their steps, and both running losses. */
    private static Trainer.Listener pairListener(ProgressListener.Task t) {
        AtomicLong modelDone = new AtomicLong(), controlDone = new AtomicLong();
        double[] losses = {Double.NaN, Double.NaN};
        return (step, total, loss, lr) -> {
            boolean control = SideBySide.inSecond();
            (control ? controlDone : modelDone).set(step);
            t.stepTo(modelDone.get() + controlDone.get());
            if (step % 50 == 0) {
                synchronized (losses) {
                    losses[control ? 1 : 0] = loss;
                    t.note(String.format(Locale.ROOT, "loss %.4f / control %.4f", losses[0], losses[1]));
                }
            }
        };
    }

    /**
     * Trains the model or the control into its folder (DSM, same seed and step count for both) and loads it back;
     * progress goes to {@code listener}, or to a task of its own when that is null.
     */
    private ModelSource train(DataKind kind, boolean control, TrainConfig cfg, Trainer.Listener listener) {
        Path dir = s.out().resolve(control ? CONTROL_DIR : MODEL_DIR);
        ModelSpec spec = s.overrides().apply(kind.spec(control), control);
        String why = "trained by reproduce (data " + kind.data().spec() + ", budget " + s.budget() + ", seed " + s.seed()
                + (s.overrides().isNone() ? "" : ", overrides " + s.overrides().toJson()) + ")";
        if (listener != null) {
            ModelFolder.train(dir, spec, kind.data(), cfg, listener, why);
        } else {
            try (ProgressListener.Task t = progress.start(control ? "train control" : "train model", cfg.steps())) {
                ModelFolder.train(dir, spec, kind.data(), cfg, t.training(), why);
            }
        }
        return ModelSource.fromCheckpoint(dir);
    }

    /** A given model, copied into the output folder (unless it is already there) so that the run is self-contained. */
    private ModelSource adopt(ModelSource given, String name) {
        Path from = Path.of(given.info().path("path").asText());
        try {
            if (!given.isCheckpoint()) {
                Path to = s.out().resolve(MODEL_FILE);
                if (!(Files.exists(to) && Files.isSameFile(from, to))) AtomicFiles.write(to, out -> Files.copy(from, out));
                return given;
            }
            Path to = s.out().resolve(name);
            if (Files.exists(to) && Files.isSameFile(from, to)) return given;
            AtomicFiles.ensureWritableDir(to);
            for (String file : List.of(Checkpoint.WEIGHTS, Checkpoint.LOSS, ModelFolder.PROVENANCE, DataMoments.FILE)) {
                Path src = from.resolve(file);
                if (Files.exists(src)) AtomicFiles.write(to.resolve(file), out -> Files.copy(src, out));
            }
            return given;
        } catch (IOException e) {
            throw new InputException("cannot copy " + from + " into " + s.out() + ": " + e.getMessage(), e);
        }
    }

    /** Reverse SDE over the model's training range (a module: the kind's range), geometric schedule. */
    public static SamplerConfig samplerConfig(ModelSource model, DataKind kind) {
        double[] range = model.sigmaRange(kind::sigmaRange);
        return SamplerConfig.defaults(range[0], range[1]).withSampler("reverse-sde").withSchedule("geometric", kind.plan().samplerSteps());
    }

    /**
     * The analysis ceiling: the smaller training sigma_max of the two networks (a module: the kind's), so that every
     * level compares them where both were trained. The model's sequences may start higher (its own sigma_max).
     */
    static double analysisSigmaMax(ModelSource model, ModelSource control, DataKind kind) {
        return Math.min(model.sigmaRange(kind::sigmaRange)[1], control.sigmaRange(kind::sigmaRange)[1]);
    }

    /** One analysis of the sequences: a field with its references. */
    private record Job(String task, ScoreField field, SequenceAnalysis.References refs) {}

    private static final String MODEL_JOB = "analyse model", EXACT_JOB = "analyse exact field", CONTROL_JOB = "analyse control",
            POSTERIOR_JOB = "analyse model, posterior frame";

    /**
     * The analyses of a run, in order: the model in the reference frame, the exact field (manifolds), the control in its
     * own frame and (images) the model in the training posterior's frame.
     */
    private static List<Job> jobs(DataKind kind, ScoreField model, ScoreField control) {
        SequenceAnalysis.References refs = kind.references(control);
        SequenceAnalysis.References own = new SequenceAnalysis.References(refs.manifold(), refs.trainingPoints());
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job(MODEL_JOB, model, refs));
        kind.manifold().ifPresent(m -> jobs.add(new Job(EXACT_JOB, new ManifoldField(m), own)));
        jobs.add(new Job(CONTROL_JOB, control, own));
        if (kind.manifold().isEmpty()) jobs.add(new Job(POSTERIOR_JOB, model, own.withPosteriorFrame()));
        return jobs;
    }

    /**
     * Runs the analyses. When the engine has a core for each network ({@link Engine#sideBySide}), the control's analysis
     * runs on a second thread beside the others: the model's Jacobians are then computed on one thread while the
     * control's are computed on the other (each network's {@link JacobianMemo} computes a point once, whichever analysis
     * asks first, and the other waits for it), so the tables are those of running the analyses one after the other.
     */
    private Analyses analyse(List<Job> jobs, SampleSequence seq, int[] steps) {
        Map<String, AnalysisTable> tables = new ConcurrentHashMap<>();
        int levels = steps.length;
        if (Engine.sideBySide() < 2) {
            for (Job job : jobs) {
                try (ProgressListener.Task t = progress.start(job.task(), levels)) {
                    tables.put(job.task(), SequenceAnalysis.run(job.field(), seq, steps, job.refs(), t::stepTo));
                }
            }
        } else {
            List<Job> control = jobs.stream().filter(j -> j.task().equals(CONTROL_JOB)).toList();
            List<Job> others = jobs.stream().filter(j -> !j.task().equals(CONTROL_JOB)).toList();
            try (ProgressListener.Task t = progress.start("analyse model and control side by side", (long) levels * jobs.size())) {
                AtomicLong done = new AtomicLong();
                Runnable one = () -> t.stepTo(done.incrementAndGet());
                SideBySide.run(true, () -> analyseAll(others, seq, steps, one, tables), () -> analyseAll(control, seq, steps, one, tables));
            }
        }
        return new Analyses(tables.get(MODEL_JOB), Optional.ofNullable(tables.get(EXACT_JOB)), tables.get(CONTROL_JOB),
                Optional.ofNullable(tables.get(POSTERIOR_JOB)));
    }

    /** The given analyses one after the other, each level reported to {@code level}. */
    private static Boolean analyseAll(List<Job> jobs, SampleSequence seq, int[] steps, Runnable level, Map<String, AnalysisTable> into) {
        for (Job job : jobs) into.put(job.task(), SequenceAnalysis.run(job.field(), seq, steps, job.refs(), k -> level.run()));
        return true;
    }

    /** Constrained mixing at each of the kind's noise levels, common random numbers for model and control. */
    private List<ConstrainedMixing> mix(DataKind kind, ScoreField model, ScoreField control) {
        List<ConstrainedMixing> out = new ArrayList<>();
        Rng rng = new Rng(s.seed()).split(MIXING);
        double[] sigmas = kind.mixingSigmas();
        try (ProgressListener.Task t = progress.start("constrained mixing", sigmas.length)) {
            for (int k = 0; k < sigmas.length; k++) {
                out.addAll(kind.mix(model, control, sigmas[k], rng.split(k)));
                t.stepTo(k + 1);
            }
        }
        return out;
    }

    private long stream(long k) { return new Rng(s.seed()).split(k).nextLong(); }

    /** Runs work, recording its wall time in seconds under stage. */
    private <T> T timed(String stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        T r = work.get();
        synchronized (seconds) {
            seconds.put(stage, (System.nanoTime() - t0) / 1e9);
        }
        return r;
    }
}
