package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.data.TrainingData;
import io.scorescope.evaluate.ImageQuality;
import io.scorescope.evaluate.QualityReport;
import io.scorescope.field.Posterior;
import io.scorescope.field.ScoreField;
import io.scorescope.field.SmoothedEmpiricalField;
import io.scorescope.geometry.LocalFeatures;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.ModelSpec;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.training.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image data (digits, MNIST, Fashion-MNIST), where no true manifold is known: the learned tangent/normal split is
 * the only frame, the effective density is the posterior over the training images, there is no exact field,
 * constrained mixing is manifold-free (pi = the model's denoiser), and sample quality is the memorisation ratio
 * against the held-out split and a pixel classifier. Networks per {@link ImageBudget}.
 *
 * @param train      the training split (what the networks see)
 * @param test       the held-out split
 * @param data       the training split as training data
 * @param plan       the budget, resolved for the image dimension
 * @param noiseScale s = max(1, RMS |x0|) over the training images
 * @param coordinate the pixel of largest variance (its autocorrelation under mixing is reported)
 */
public record ImageData(ImageDataset train, ImageDataset test, TrainingData data, ImageBudget plan, double noiseScale,
                        int coordinate) implements DataKind {
    /** Figures: local features of sequence 1 at this many levels; posterior top images at this many. */
    static final int FEATURE_LEVELS = 4, POSTERIOR_LEVELS = 3;
    /** The two rulers of image mixing. */
    public static final String MODEL_RULER = "model denoiser", CONTROL_RULER = "control denoiser";

    /** Local features along sequence 1, and training-set posteriors at a few of its points (and one of sequence 2). */
    public record Figures(LocalFeatures[] features, Mat posteriorPoints, Posterior[] posteriors) implements Illustrations {}

    /** The training split of spec and its held-out split (split=test), with budget resolved for their dimension. */
    static ImageData of(String spec, ImageBudget budget) {
        ImageDataset train = ImageSets.resolve(spec), test = ImageSets.resolve(ImageSets.testSpec(spec));
        TrainingData data = new TrainingData(spec, Optional.empty(), train.images(), train.info());
        return new ImageData(train, test, data, budget.forDim(train.dim()), DataKind.noiseScale(train.images()), widestPixel(train.images()));
    }

    @Override public ImageData forConvolutionalNetworks() {
        return new ImageData(train, test, data, plan.forConvolutional(train.dim()), noiseScale, coordinate);
    }

    /** sigma_min is not scaled, so that the small-sigma rules have levels; sigma_max = 2 s covers the data. */
    @Override public double[] sigmaRange() { return DataKind.range(true, noiseScale); }

    @Override public ModelSpec spec(boolean control) {
        return DataKind.mlp(data, plan.hidden(), control ? plan.control() : plan.model());
    }

    @Override public TrainConfig trainConfig(long seed) {
        double[] range = sigmaRange();
        return TrainConfig.DEFAULT.withSteps(plan.trainSteps()).withBatch(plan.batch()).withLr(plan.lr()).withSeed(seed)
                .withSigmaRange(range[0], range[1]);
    }

    /** Pixel units: the mixing levels and the small-sigma cut are not scaled. */
    @Override public double noiseUnit() { return 1; }

    @Override public SequenceAnalysis.References references(ScoreField control) {
        return new SequenceAnalysis.References(Optional.empty(), Optional.of(data.points())).withFrameOf(control);
    }

    /**
     * Manifold-free constrained mixing (Definitions.IMAGE_MIXING): chains start at randomly chosen training images
     * plus sigma noise; both chains are measured with two rulers, pi = the model's denoiser and pi = the control's
     * denoiser at sigma (the same chains: common random numbers).
     */
    /** The rulers are the model's and the control's denoisers. */
    @Override public boolean networkRulers() { return true; }

    @Override public List<ConstrainedMixing> mix(ScoreField model, ScoreField control, double sigma, Rng r) {
        Mat images = train.images();
        int chains = plan.mixingChains();
        Mat x0 = new Mat(chains, images.cols());
        Rng pick = r.split(1);
        for (int i = 0; i < chains; i++) x0.setRow(i, images.row(pick.nextInt(images.rows())));
        x0 = x0.plus(r.split(2).gaussian(chains, images.cols()).scale(sigma));
        double[] sigmas = new double[chains];
        Arrays.fill(sigmas, sigma);
        long seed = r.split(3).nextLong();
        return ConstrainedMixing.run(model, control, List.of(
                        new ConstrainedMixing.Ruler(MODEL_RULER, x -> model.denoise(x, Arrays.copyOf(sigmas, x.rows()))),
                        new ConstrainedMixing.Ruler(CONTROL_RULER, x -> control.denoise(x, Arrays.copyOf(sigmas, x.rows())))),
                x0, coordinate, sigma, plan.mixingSteps(), seed);
    }

    @Override public QualityReport quality(ScoreField model, SamplerConfig sampler, Prior prior, long seed, ProgressListener.Task progress) {
        return ImageQuality.measure(model, sampler, prior, plan.qualitySamples(), train, test, seed, progress.sampling());
    }

    @Override public Illustrations illustrate(ScoreField model, SampleSequence seq, long seed) {
        int[] steps = SequenceAnalysis.levelSteps(seq.sigmas(), FEATURE_LEVELS);
        LocalFeatures[] features = new LocalFeatures[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double sigma = seq.sigma(steps[i]);
            features[i] = LocalFeatures.of(model.jacobian(seq.atStep(steps[i]).rows(0, 1), sigma)[0], sigma);
        }
        SmoothedEmpiricalField empirical = new SmoothedEmpiricalField(train.images());
        List<double[]> pts = new ArrayList<>();
        List<Posterior> post = new ArrayList<>();
        int[] at = SequenceAnalysis.levelSteps(seq.sigmas(), POSTERIOR_LEVELS);
        for (int step : at) {
            pts.add(seq.point(0, step));
            post.add(empirical.posterior(seq.point(0, step), seq.sigma(step)));
        }
        if (seq.n() > 1) {
            int mid = at[at.length / 2];
            pts.add(seq.point(1, mid));
            post.add(empirical.posterior(seq.point(1, mid), seq.sigma(mid)));
        }
        return new Figures(features, Mat.stackRows(pts.toArray(double[][]::new), train.dim()), post.toArray(Posterior[]::new));
    }

    @Override public Map<String, String> definitions() { return Definitions.images(); }

    @Override public void describe(ObjectNode config) {
        config.put("test_data", test.info().path("spec").asText(ImageSets.testSpec(data.spec()))).put("mixing_autocorr_pixel", coordinate);
    }

    /** The pixel of largest variance over the images. */
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
}
