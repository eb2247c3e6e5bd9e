package io.scorescope.sde;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;

/**
 * Everything a named VE sampler needs. Defaults ({@link #defaults()}): reverse-sde, geometric schedule,
 * K = 200 steps, sigma 2 -> 0.01 (the spec needs sigmaMax >= 2 for unit-scale data; prefer the model's own
 * training range via {@link #defaults(double, double)}), SNR 0.16 with 1 corrector step, 5 Langevin steps per
 * level with eps = 2e-5, and the final denoising step x + sigmaMin^2 g on.
 *
 * @param sampler "reverse-sde", "pc", "ode" or "langevin"
 * @param schedule "geometric" or "karras"
 * @param steps K, the number of steps (K + 1 levels)
 * @param snr predictor–corrector target signal-to-noise ratio r
 * @param correctorSteps Langevin corrector steps per level (pc)
 * @param langevinStepsPerLevel T (annealed Langevin)
 * @param langevinEps eps in alpha_i = eps sigma_i^2 / sigma_K^2 (annealed Langevin)
 * @param denoiseFinal whether {@link Samplers#sample} returns x + sigmaMin^2 g instead of x at sigmaMin
 */
public record SamplerConfig(String sampler, String schedule, int steps, double sigmaMin, double sigmaMax, double snr,
                            int correctorSteps, int langevinStepsPerLevel, double langevinEps, boolean denoiseFinal) {
    public static final double DEFAULT_SIGMA_MIN = 0.01;
    public static final double DEFAULT_SIGMA_MAX = 2.0;
    public static final int DEFAULT_STEPS = 200;

    public SamplerConfig {
        Samplers.byName(sampler);
        NoiseSchedule.byName(schedule, sigmaMax, sigmaMin, steps);
        if (!(snr > 0 && Double.isFinite(snr))) throw new InputException("corrector SNR must be > 0, got " + snr);
        if (correctorSteps < 0) throw new InputException("corrector steps must be >= 0, got " + correctorSteps);
        if (langevinStepsPerLevel < 1) throw new InputException("Langevin steps per level must be >= 1, got " + langevinStepsPerLevel);
        if (!(langevinEps > 0 && Double.isFinite(langevinEps))) throw new InputException("Langevin eps must be > 0, got " + langevinEps);
    }

    /** The defaults above. */
    public static SamplerConfig defaults() { return defaults(DEFAULT_SIGMA_MIN, DEFAULT_SIGMA_MAX); }

    /** The defaults with the noise range of the model. */
    public static SamplerConfig defaults(double sigmaMin, double sigmaMax) {
        return new SamplerConfig("reverse-sde", "geometric", DEFAULT_STEPS, sigmaMin, sigmaMax,
                PredictorCorrector.DEFAULT_SNR, 1, 5, AnnealedLangevin.DEFAULT_EPS, true);
    }

    public SamplerConfig withSampler(String name) {
        return new SamplerConfig(name, schedule, steps, sigmaMin, sigmaMax, snr, correctorSteps, langevinStepsPerLevel, langevinEps, denoiseFinal);
    }
    public SamplerConfig withSchedule(String name, int k) {
        return new SamplerConfig(sampler, name, k, sigmaMin, sigmaMax, snr, correctorSteps, langevinStepsPerLevel, langevinEps, denoiseFinal);
    }
    public SamplerConfig withSigmaRange(double min, double max) {
        return new SamplerConfig(sampler, schedule, steps, min, max, snr, correctorSteps, langevinStepsPerLevel, langevinEps, denoiseFinal);
    }
    public SamplerConfig withCorrector(double r, int stepsPerLevel) {
        return new SamplerConfig(sampler, schedule, steps, sigmaMin, sigmaMax, r, stepsPerLevel, langevinStepsPerLevel, langevinEps, denoiseFinal);
    }
    public SamplerConfig withLangevin(int stepsPerLevel, double eps) {
        return new SamplerConfig(sampler, schedule, steps, sigmaMin, sigmaMax, snr, correctorSteps, stepsPerLevel, eps, denoiseFinal);
    }
    public SamplerConfig withDenoiseFinal(boolean on) {
        return new SamplerConfig(sampler, schedule, steps, sigmaMin, sigmaMax, snr, correctorSteps, langevinStepsPerLevel, langevinEps, on);
    }

    /**
     * The configuration as recorded in every artefact that holds samples: sampler, schedule, steps, sigma_min,
     * sigma_max, denoise_final, and the corrector (pc) or Langevin (langevin) settings when the sampler uses them.
     */
    public ObjectNode toJson() {
        ObjectNode o = Json.object().put("sampler", sampler).put("schedule", schedule).put("steps", steps)
                .put("sigma_min", sigmaMin).put("sigma_max", sigmaMax).put("denoise_final", denoiseFinal);
        if (sampler.equals("pc")) o.put("snr", snr).put("corrector_steps", correctorSteps);
        if (sampler.equals("langevin")) o.put("langevin_steps_per_level", langevinStepsPerLevel).put("langevin_eps", langevinEps);
        return o;
    }

    /** The noise schedule this configuration describes. */
    public NoiseSchedule noiseSchedule() { return NoiseSchedule.byName(schedule, sigmaMax, sigmaMin, steps); }
}
