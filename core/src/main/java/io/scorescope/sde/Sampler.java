package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * A VE sampler chosen by name ({@link Samplers#byName}): runs from x (at config's sigmaMax) down the config's
 * schedule to sigmaMin and returns the final state, without the final denoising step
 * (see {@link Samplers#sample} for that).
 */
@FunctionalInterface
public interface Sampler {
    Mat run(ScoreField field, Mat x, SamplerConfig config, Rng rng, StepCallback callback);
}
