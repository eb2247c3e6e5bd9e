package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.List;

/** Sampler selection by name (for the CLI) and the full sampling recipe: prior, run, optional final denoising. */
public final class Samplers {
    /** The valid sampler names, in the order the CLI lists them. */
    public static final List<String> NAMES = List.of("reverse-sde", "pc", "ode", "langevin");

    private Samplers() {}

    /** The sampler called {@code name}; an unknown name is an {@link InputException} listing the valid ones. */
    public static Sampler byName(String name) {
        if (name == null) throw new InputException("no sampler given; valid: " + String.join(", ", NAMES));
        return switch (name) {
            case "reverse-sde" -> (f, x, c, rng, cb) -> ReverseSde.run(f, c.noiseSchedule(), x, rng, cb);
            case "pc" -> (f, x, c, rng, cb) -> PredictorCorrector.run(f, c.noiseSchedule(), x, c.snr(), c.correctorSteps(), rng, cb);
            case "ode" -> (f, x, c, rng, cb) -> ProbabilityFlow.heun(f, c.noiseSchedule(), x, cb);
            case "langevin" -> (f, x, c, rng, cb) ->
                    AnnealedLangevin.run(f, c.noiseSchedule(), x, c.langevinStepsPerLevel(), c.langevinEps(), rng, cb);
            default -> throw new InputException("unknown sampler '" + name + "'; valid: " + String.join(", ", NAMES));
        };
    }

    /**
     * Runs the configured sampler from x and returns the final state, or with {@code denoiseFinal} its Tweedie
     * denoised estimate x + sigmaMin^2 g_sigmaMin(x) (the last step's, so no extra score evaluation).
     */
    public static Mat sample(ScoreField field, Mat x, SamplerConfig config, Rng rng, StepCallback callback) {
        Step[] last = new Step[1];
        Mat out = byName(config.sampler()).run(field, x, config, rng, callback.andThen(s -> last[0] = s));
        return config.denoiseFinal() ? last[0].denoised() : out;
    }
}
