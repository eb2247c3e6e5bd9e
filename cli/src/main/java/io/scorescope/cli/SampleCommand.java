package io.scorescope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.field.ScoreField;
import io.scorescope.io.AtomicFiles;
import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.io.Npy;
import io.scorescope.io.Provenance;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SequenceFiles;
import io.scorescope.sde.SamplerConfig;
import io.scorescope.sde.Samplers;
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
    @Option(names = "--n", defaultValue = "64", description = "Number of samples (sequences). Default: ${DEFAULT-VALUE}.") int n;
    @Option(names = "--out", required = true, description = "Output folder.") Path out;
    @Option(names = "--sampler", defaultValue = "reverse-sde", description = "reverse-sde, pc, ode or langevin. Default: ${DEFAULT-VALUE}.") String sampler;
    @Option(names = "--steps", defaultValue = "200", description = "K sampler steps (K + 1 recorded levels). Default: ${DEFAULT-VALUE}.") int steps;
    @Option(names = "--schedule", defaultValue = "geometric", description = "geometric or karras.") String schedule;
    @Option(names = "--sigma-max", description = "Prior noise level (default: the model's training sigma_max; with --model-file 2 s, "
            + "s = max(1, RMS |x0|) of --data).") Double sigmaMax;
    @Option(names = "--sigma-min", description = "Final noise level (default: the model's training sigma_min; with --model-file 0.01 s).") Double sigmaMin;
    @Option(names = "--no-denoise", description = "Do not apply the final denoising step x + sigma_min^2 g.") boolean noDenoise;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override public Integer call() {
        if (n < 1) throw new InputException("--n must be >= 1, got " + n);
        if (steps < 1) throw new InputException("--steps must be >= 1, got " + steps);
        ModelSource src = models.require();
        double[] range = sigmaMin != null && sigmaMax != null ? new double[] {sigmaMin, sigmaMax} : src.sigmaRange(() ->
                Reproduction.noiseScale(models.requireData(src, "for the default noise range, or give --sigma-min and --sigma-max").points()));
        AtomicFiles.ensureWritableDir(out);
        SamplerConfig cfg = SamplerConfig.defaults(sigmaMin != null ? sigmaMin : range[0], sigmaMax != null ? sigmaMax : range[1])
                .withSampler(sampler).withSchedule(schedule, steps).withDenoiseFinal(!noDenoise);
        Run run = run(src.field(), cfg, n, seed, "sample");
        write(out, run, cfg, src, seed);
        System.out.printf("%d samples (%s, %d steps) in %s%n", n, sampler, steps, out);
        return 0;
    }

    /** The samples and their recorded sequences. */
    record Run(Mat samples, SampleSequence sequence) {}

    static Run run(ScoreField model, SamplerConfig cfg, int n, long seed, String task) {
        int d = model.dim();
        Rng rng = new Rng(seed);
        Mat x0 = Samplers.prior(cfg, n, d, rng.split(1));
        SampleSequence.Recorder rec = SampleSequence.recorder(cfg.noiseSchedule(), n, d, true);
        Mat samples;
        try (Progress bar = new Progress(task, cfg.steps() + 1)) {
            samples = Samplers.sample(model, x0, cfg, rng.split(2), rec.andThen(s -> bar.stepTo(s.index() + 1)));
        }
        return new Run(samples, rec.sequence());
    }

    static void write(Path out, Run run, SamplerConfig cfg, ModelSource model, long seed) {
        SampleSequence s = run.sequence();
        int d = s.dim();
        String[] header = new String[d];
        for (int k = 0; k < d; k++) header[k] = "x" + k;
        Csv.write(out.resolve("samples.csv"), header, run.samples());
        Npy.write(out.resolve("samples.npy"), run.samples());
        SequenceFiles.write(out, s);
        ObjectNode config = Json.object();
        config.put("sampler", cfg.sampler()).put("schedule", cfg.schedule()).put("steps", cfg.steps())
                .put("sigma_min", cfg.sigmaMin()).put("sigma_max", cfg.sigmaMax()).put("denoise_final", cfg.denoiseFinal())
                .put("n", s.n());
        Provenance p = Provenance.of("samples", seed, config).input("model", model.info())
                .define("samples.npy", "[n, D]: the samples (same values as samples.csv)")
                .define("sequences.npy", "[n, K+1, D]: iterate x_k at level sigma_k (sigmas.csv), k = 0 is the prior draw")
                .define("denoised.npy", "[n, K+1, D]: x_k + sigma_k^2 g(x_k, sigma_k)");
        Json.write(out.resolve("provenance.json"), p.toJson());
    }
}
