package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.data.ImageDataset;
import io.scorescope.data.ImageSets;
import io.scorescope.data.Manifold;
import io.scorescope.data.TrainingData;
import io.scorescope.evaluate.DenoisingTable;
import io.scorescope.evaluate.ImageQuality;
import io.scorescope.evaluate.ManifoldQuality;
import io.scorescope.evaluate.PriorGap;
import io.scorescope.experiment.DataKind;
import io.scorescope.experiment.ModelSource;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.report.ImageFigures;
import io.scorescope.report.PngFigureWriter;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SamplerConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorescope evaluate}: sample quality. On a built-in manifold: distance to M, excess DSM loss over the exact
 * Bayes floor, proportions and energy distance ({@link ManifoldQuality}). On image data: memorisation ratio against
 * the held-out split and the classifier's view of the samples ({@link ImageQuality}), the held-out denoising table against
 * the Wiener and identity baselines ({@link DenoisingTable}), and optionally a PNG grid. On both, how far the sampler's
 * start is from the smoothed training set at sigma_max ({@link PriorGap}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sample quality. Manifolds: distance of fresh samples to M, excess DSM loss over the exact Bayes floor, density match. "
                + "Images: memorisation ratio against held-out images, a pixel classifier's confidence on the samples, "
                + "and held-out denoising MSE against the Wiener and identity denoisers. Both: the prior gap KL(p_sigma_max || prior).")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin ModelOptions.WithData models;
    @Mixin PriorOption prior;
    @Option(names = "--n", defaultValue = "2000", description = "Samples. Default: ${DEFAULT-VALUE}.") int n;
    @Mixin SamplerOptions sampling;
    @Option(names = "--loss-draws", defaultValue = "4000", description = "Manifolds: held-out draws for the excess loss. Default: ${DEFAULT-VALUE}.") int lossDraws;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the samples, the held-out noise and the classifier. Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;
    @Option(names = "--grid", paramLabel = "FILE.png", description = "Image data: write the first 64 samples as a PNG grid.") Path grid;
    @Option(names = "--denoising-sigmas", split = ",", paramLabel = "S1,S2,...",
            description = "Image data: the noise levels of the held-out denoising table. Default: 0.05,0.1,0.2,0.5,1.") double[] denoisingSigmas;

    @Override public Integer call() {
        if (n < 2) throw new InputException("--n must be >= 2, got " + n);
        if (lossDraws < 2) throw new InputException("--loss-draws must be >= 2, got " + lossDraws);
        double[] levels = denoisingSigmas == null ? DenoisingTable.SIGMAS : denoisingSigmas;
        for (double s : levels)
            if (!(s > 0) || !Double.isFinite(s)) throw new InputException("--denoising-sigmas must be positive and finite, got " + s);
        ModelSource src = models.require();
        TrainingData td = models.requireData(src, "to measure sample quality");
        double[] range = src.sigmaRange(() -> DataKind.sigmaRange(td));
        SamplerConfig cfg = sampling.config(range[0], range[1]);
        Prior start = prior.of(src, () -> Optional.of(td));
        if (ImageSets.isImageData(td.info())) return images(src, td, cfg, start, levels);
        if (grid != null) throw new InputException("--grid applies to models trained on image data");
        if (denoisingSigmas != null) throw new InputException("--denoising-sigmas applies to models trained on image data");
        Manifold m = td.manifold().orElseThrow(() ->
                new InputException("evaluate needs a model trained on a built-in manifold or an image set (this one used " + td.spec() + ")"));
        ManifoldQuality mq;
        try (Progress bar = new Progress("evaluate", cfg.steps() + 1)) {
            mq = ManifoldQuality.measure(src.field(), m, td.spec(), cfg, start, n, lossDraws, seed, bar.sampling());
        }
        PriorGap gap = PriorGap.measure(start, td.points(), cfg.sigmaMax(), PriorGap.DEFAULT_DRAWS, seed);
        ObjectNode q = mq.toJson();
        if (json) {
            q.set("prior_gap", gap.toJson());
            System.out.println(Json.toString(q));
            return 0;
        }
        System.out.printf("distance to M after denoising: median %.3g, p90 %.3g (raw: median %.3g)%n",
                q.get("distance_median").asDouble(), q.get("distance_p90").asDouble(), q.get("distance_median_raw").asDouble());
        System.out.printf("excess DSM loss over the Bayes floor: %.4g (model %.5f, floor %.5f)%n",
                q.get("excess_loss").asDouble(), q.get("model_loss").asDouble(), q.get("bayes_loss").asDouble());
        if (q.has("proportions")) {
            q.get("proportions").fields().forEachRemaining(e -> System.out.printf("  %-10s true %.3f  estimated %.3f%n",
                    e.getKey(), e.getValue().get("true").asDouble(), e.getValue().get("estimated").asDouble()));
            System.out.printf("largest proportion error: %.4f%n", q.get("proportion_error_max").asDouble());
        }
        System.out.printf("energy distance to fresh data: %.3g (two fresh samples: %.3g)%n",
                q.get("two_sample").get("value").asDouble(), q.get("two_sample").get("null_level").asDouble());
        System.out.println(gap.describe());
        return 0;
    }

    private int images(ModelSource src, TrainingData td, SamplerConfig cfg, Prior start, double[] levels) {
        String spec = td.spec();
        ImageDataset train = ImageSets.resolve(spec), test = ImageSets.resolve(ImageSets.testSpec(spec));
        if (grid != null) AtomicFiles.ensureWritableDir(grid.toAbsolutePath().getParent());   // fail before sampling, not after
        ImageQuality q;
        try (Progress bar = new Progress("evaluate", cfg.steps() + 1)) {
            q = ImageQuality.measure(src.field(), cfg, start, n, train, test, seed, bar.sampling());
        }
        DenoisingTable dn;
        try (Progress bar = new Progress("denoising", DenoisingTable.work(levels.length, test.size()))) {
            dn = DenoisingTable.measure(src.field(), src.trainingMoments(td), test.images(), seed, levels, bar::stepTo);
        }
        PriorGap gap = PriorGap.measure(start, train.images(), cfg.sigmaMax(), PriorGap.DEFAULT_DRAWS, seed);
        if (grid != null) {
            Mat shown = q.samples().rows(0, Math.min(64, q.samples().rows()));
            PngFigureWriter.writeOne(ImageFigures.sampleGrid("samples", "samples", shown, train, 8), grid);
        }
        if (json) {
            ObjectNode o = q.toJson().put("data", spec);
            o.set("denoising", dn.toJson());
            o.set("denoising_setup", dn.setupJson());
            o.set("prior_gap", gap.toJson());
            System.out.println(Json.toString(o));
            return 0;
        }
        System.out.printf("memorisation ratio: %.3f (median nearest-training distance of samples %.3f, of held-out images %.3f); copies %.3f%n",
                q.memorisation().ratio(), q.memorisation().sampleMedian(), q.memorisation().heldOutMedian(), q.memorisation().copyFraction());
        System.out.printf("classifier: held-out accuracy %.3f; mean confidence on samples %.3f (held-out %.3f); share >= 0.9: %.3f (held-out %.3f)%n",
                q.testAccuracy(), q.onSamples().meanConfidence(), q.onHeldOut().meanConfidence(),
                q.onSamples().confidentShare(), q.onHeldOut().confidentShare());
        System.out.println("predicted classes of the samples: " + Arrays.toString(q.onSamples().classCounts()));
        System.out.printf("vote of the %d nearest training images: held-out accuracy %.3f; mean winning share on samples %.3f (held-out %.3f); "
                + "voted classes of the samples: %s%n", q.vote().k(), q.vote().heldOutAccuracy(), q.vote().onSamples().meanShare(),
                q.vote().onHeldOut().meanShare(), Arrays.toString(q.vote().onSamples().classCounts()));
        System.out.println(gap.describe());
        System.out.printf("held-out denoising, MSE / sigma^2 per pixel (%d test images; Wiener filter from %s):%n", dn.images(), dn.moments());
        System.out.println("  sigma      model     wiener   identity");
        for (DenoisingTable.Row r : dn.rows())
            System.out.printf("  %5.3g %10.4g %10.4g %10.4g%n", r.sigma(), r.model(), r.wiener(), r.identity());   // 4 significant digits at any sigma
        if (grid != null) System.out.println("grid: " + grid);
        return 0;
    }
}
