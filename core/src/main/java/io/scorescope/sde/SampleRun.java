package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * n samples of a field with one sampler configuration and prior, and their recorded sample sequences (iterate, sigma
 * and denoised iterate at every step). The prior draw uses Rng(seed).split(1), the sampler's noise Rng(seed).split(2).
 *
 * @param samples  the final points (after the final denoising step when the configuration asks for it)
 * @param sequence every iterate x_k at sigma_k, k = 0 (prior draw) ... K
 */
public record SampleRun(Mat samples, SampleSequence sequence) {

    /** Draws the samples; {@code progress} sees every step (index 0 ... K). */
    public static SampleRun draw(ScoreField field, SamplerConfig cfg, Prior prior, int n, long seed, StepCallback progress) {
        int d = field.dim();
        Rng rng = new Rng(seed);
        Mat x0 = prior.draw(n, d, cfg.sigmaMax(), rng.split(1));
        SampleSequence.Recorder rec = SampleSequence.recorder(cfg.noiseSchedule(), n, d, true);
        Mat samples = Samplers.sample(field, x0, cfg, rng.split(2), rec.andThen(progress));
        return new SampleRun(samples, rec.sequence());
    }
}
