package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageSets;
import io.scorescope.data.Manifold;
import io.scorescope.data.TrainingData;
import io.scorescope.evaluate.QualityReport;
import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.model.Parameterisation;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.training.TrainConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@link Experiment} does differently on a built-in manifold ({@link ManifoldData}: exact geometry, exact
 * field, population posterior) and on images ({@link ImageData}: learned frames only, training posterior,
 * manifold-free mixing, image figures). Each method does one thing and returns its result; none writes files.
 */
public sealed interface DataKind permits ManifoldData, ImageData {
    /** The unscaled training and sampling noise range [min, max] for unit-scale data (multiplied by the noise scale). */
    double SIGMA_MIN = 0.01, SIGMA_MAX = 2;
    /** Mixing noise levels for unit-scale data. */
    double[] MIXING_SIGMAS = {0.05, 0.2};
    /** Depth and number of log-sigma Fourier frequencies of the MLPs an experiment trains. */
    int DEPTH = 4, FREQUENCIES = 8;

    /** The training data: points, their description and, for a built-in manifold, the manifold. */
    TrainingData data();

    /** The work budget resolved for this data. */
    Plan plan();

    /** The same data with the plan for convolutional networks (U-Nets), whose Jacobians cost more; by default unchanged. */
    default DataKind forConvolutionalNetworks() { return this; }

    /** s = max(1, RMS |x0|) over the training points: the factor applied to the unit-scale noise levels. */
    double noiseScale();

    /** The true manifold, when the data has one. */
    default Optional<Manifold> manifold() { return data().manifold(); }

    /** The training noise range {min, max}; also the sampling range of a module that does not record its own. */
    double[] sigmaRange();

    /** The network of the score model ({@code control} false) or of the conservative control (true). */
    ModelSpec spec(boolean control);

    /** The training configuration of both networks (same budget and seed). */
    TrainConfig trainConfig(long seed);

    /**
     * The factor applied to the unit-scale mixing levels and to the small-sigma cut of A3/A4 (docs/science.md
     * #noise_scale): the noise scale s on manifolds, 1 on images (pixel units).
     */
    double noiseUnit();

    /** The fixed noise levels of the constrained-mixing runs: {@link #MIXING_SIGMAS} x {@link #noiseUnit}. */
    default double[] mixingSigmas() {
        double[] s = MIXING_SIGMAS.clone();
        for (int i = 0; i < s.length; i++) s[i] *= noiseUnit();
        return s;
    }

    /**
     * Whether the mixing rulers evaluate the networks (images: the model's and the control's denoisers, one evaluation
     * of each per recorded Langevin step) rather than a closed-form projection (the closest point on M). For the cost
     * estimate.
     */
    default boolean networkRulers() { return false; }

    /** The constrained-mixing runs at sigma (one per ruler), model against control, with common random numbers from rng. */
    List<ConstrainedMixing> mix(ScoreField model, ScoreField control, double sigma, Rng rng);

    /**
     * The analysis references of the model: the manifold and the training points, and on images the control's learned
     * split as the reference frame (independent of the Jacobian being tested).
     */
    SequenceAnalysis.References references(ScoreField control);

    /** Sample quality of the model with the experiment's sampler and prior (random streams derived from seed). */
    QualityReport quality(ScoreField model, SamplerConfig sampler, Prior prior, long seed, ProgressListener.Task progress);

    /** The report's illustrations that need the model (Figure-1 analogue; local features and posteriors of images). */
    Illustrations illustrate(ScoreField model, SampleSequence sequences, long seed);

    /** Every definition used, by docs/science.md key. */
    Map<String, String> definitions();

    /** Adds the kind's own settings to the provenance configuration. */
    void describe(ObjectNode config);

    /** What the report shows besides the claims, computed with the model. */
    sealed interface Illustrations permits ManifoldData.Figure, ImageData.Figures {}

    /** The data of a run: --data, else the given models' data (which must agree), else the sphere. */
    static DataKind resolve(String data, Optional<ObjectNode> modelData, String budget, long seed) {
        String spec = data != null ? data : modelData.map(ModelSource::dataSpec).orElse("sphere");
        if (ImageSets.handles(spec)) return ImageData.of(spec, ImageBudget.of(Budget.byName(budget)));
        Budget b = Budget.byName(budget);
        TrainingData td = modelData.map(TrainingData::fromInfo).orElseGet(() -> TrainingData.resolve(spec, b.trainPoints(), seed));
        Manifold m = td.manifold().orElseThrow(() -> new InputException(
                "reproduce needs a built-in manifold (see 'scorescope data list') or an image set, not the file " + td.spec()));
        return new ManifoldData(td, m, b, noiseScale(td.points()));
    }

    /**
     * The training noise range an experiment uses for this data, {min, max}: [0.01 s, 2 s] on manifolds and
     * [0.01, 2 s] on images, s the noise scale ({@link #noiseScale}); also the sampling range of a module that does
     * not record its own.
     */
    static double[] sigmaRange(TrainingData data) {
        return range(ImageSets.isImageData(data.info()), noiseScale(data.points()));
    }

    /** [0.01 s, 2 s], or [0.01, 2 s] for images (sigma_min not scaled, so that small-sigma rules have levels). */
    static double[] range(boolean images, double s) {
        return new double[] {images ? SIGMA_MIN : SIGMA_MIN * s, SIGMA_MAX * s};
    }

    /** The noise unit ({@link #noiseUnit()}) of a data set: 1 for images, else its noise scale. */
    static double noiseUnit(TrainingData data) { return ImageSets.isImageData(data.info()) ? 1 : noiseScale(data.points()); }

    /** s = max(1, RMS |x0|) over the rows of points. */
    static double noiseScale(Mat points) {
        double sum = 0;
        for (double v : points.data()) sum += v * v;
        return Math.max(1, Math.sqrt(sum / points.rows()));
    }

    /** An MLP 4 x hidden with the parameterisation of the model or the control. */
    static ModelSpec mlp(TrainingData data, int hidden, Parameterisation p) {
        return new ModelSpec(data.dim(), hidden, DEPTH, FREQUENCIES, p, data.sigmaData());
    }
}
