package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.Manifold;
import io.scorescope.data.TrainingData;
import io.scorescope.evaluate.ManifoldQuality;
import io.scorescope.evaluate.QualityReport;
import io.scorescope.field.ScoreField;
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
 * A built-in manifold with exact geometry: the true tangent/normal frames, the exact smoothed field (quadrature)
 * as a third analysed field, the population posterior, mixing measured with the closest point on M, and the
 * Figure-1 analogue. Both networks are the spec's recipe, an eps-MLP 4 x 128 and its energy control.
 */
public record ManifoldData(TrainingData data, Manifold truth, Budget plan, double noiseScale) implements DataKind {
    static final int HIDDEN = 128;

    /** The Figure-1 analogue. */
    public record Figure(FigureOne.Picture picture) implements Illustrations {}

    @Override public Optional<Manifold> manifold() { return Optional.of(truth); }

    @Override public double[] sigmaRange() { return DataKind.range(false, noiseScale); }

    @Override public ModelSpec spec(boolean control) {
        return DataKind.mlp(data, HIDDEN, control ? Parameterisation.ENERGY : Parameterisation.EPS);
    }

    @Override public TrainConfig trainConfig(long seed) {
        double[] range = sigmaRange();
        return TrainConfig.DEFAULT.withSteps(plan.trainSteps()).withSeed(seed).withSigmaRange(range[0], range[1]);
    }

    @Override public double noiseUnit() { return noiseScale; }

    @Override public List<ConstrainedMixing> mix(ScoreField model, ScoreField control, double sigma, Rng rng) {
        return List.of(ConstrainedMixing.run(model, control, truth, sigma, plan.mixingChains(), plan.mixingSteps(), rng.nextLong()));
    }

    @Override public SequenceAnalysis.References references(ScoreField control) {
        return new SequenceAnalysis.References(Optional.of(truth), Optional.of(data.points()));
    }

    @Override public QualityReport quality(ScoreField model, SamplerConfig sampler, Prior prior, long seed, ProgressListener.Task progress) {
        return ManifoldQuality.measure(model, truth, data.spec(), sampler, prior, plan.qualitySamples(), plan.lossDraws(),
                new Rng(seed).split(Experiment.QUALITY).nextLong(), progress.sampling());
    }

    @Override public Illustrations illustrate(ScoreField model, SampleSequence sequences, long seed) {
        return new Figure(FigureOne.build(model, truth, noiseScale, plan.figurePoints(),
                new Rng(seed).split(Experiment.FIGURE).nextLong()));
    }

    @Override public Map<String, String> definitions() { return Definitions.all(); }

    @Override public void describe(ObjectNode config) { }
}
