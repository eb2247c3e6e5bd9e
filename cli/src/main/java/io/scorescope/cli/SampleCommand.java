package io.scorescope.cli;

import io.scorescope.experiment.DataKind;
import io.scorescope.experiment.ModelSource;
import io.scorescope.experiment.SampleFolder;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.sde.Prior;
import io.scorescope.sde.SampleRun;
import io.scorescope.sde.SamplerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scorescope sample}: draw samples and record their sample sequences. */
@Command(name = "sample", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sample from a trained model (--model DIR, or --model-file PATH with --data) and record every sample sequence (iterate and sigma at each step).")
final class SampleCommand implements Callable<Integer> {
    @Mixin ModelOptions.WithData models;
    @Mixin PriorOption prior;
    @Option(names = "--n", defaultValue = "64", description = "Number of samples (sequences). Default: ${DEFAULT-VALUE}.") int n;
    @Option(names = "--out", required = true, description = "Output folder.") Path out;
    @Mixin SamplerOptions sampling;
    @Option(names = "--sigma-max", description = "Prior noise level (default: the model's training sigma_max; with --model-file 2 s, "
            + "s = max(1, RMS |x0|) of --data).") Double sigmaMax;
    @Option(names = "--sigma-min", description = "Final noise level (default: the model's training sigma_min; with --model-file 0.01 s).") Double sigmaMin;
    @Option(names = "--no-denoise", description = "Do not apply the final denoising step x + sigma_min^2 g.") boolean noDenoise;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the prior draws and the sampler noise. Default: ${DEFAULT-VALUE}.") long seed;

    @Override public Integer call() {
        if (n < 1) throw new InputException("--n must be >= 1, got " + n);
        ModelSource src = models.require();
        double[] range = sigmaMin != null && sigmaMax != null ? new double[] {sigmaMin, sigmaMax} : src.sigmaRange(() ->
                DataKind.sigmaRange(models.requireData(src, "for the default noise range, or give --sigma-min and --sigma-max")));
        Prior start = prior.of(src, () -> models.trainingData(src));
        SamplerConfig cfg = sampling.config(sigmaMin != null ? sigmaMin : range[0], sigmaMax != null ? sigmaMax : range[1])
                .withDenoiseFinal(!noDenoise);
        AtomicFiles.ensureWritableDir(out);
        SampleRun run;
        try (Progress bar = new Progress("sample", cfg.steps() + 1)) {
            run = SampleRun.draw(src.field(), cfg, start, n, seed, bar.sampling());
        }
        SampleFolder.write(out, run, cfg, start, src, seed);
        System.out.printf("%d samples (%s, %d steps) in %s%n", n, cfg.sampler(), cfg.steps(), out);
        return 0;
    }
}
