package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Unadjusted Langevin dynamics at one fixed noise level: x_{k+1} = x_k + eps g_sigma(x_k) + sqrt(2 eps) z_k,
 * targeting q_sigma (up to O(eps) bias). z_k is drawn as one n x D block per step from {@code rng} and does not
 * depend on the field, so two runs with the same seed and different fields share their noise (common random
 * numbers, as the constrained-mixing experiment needs). Reports steps 0..T (T + 1 calls).
 */
public final class Langevin {
    private Langevin() {}

    public static Mat run(ScoreField field, Mat x0, double sigma, double stepSize, int steps, Rng rng,
                          StepCallback callback) {
        Iterates.checkInput(field, x0);
        if (!(sigma > 0)) throw new InputException("Langevin noise level must be > 0, got " + sigma);
        if (!(stepSize > 0 && Double.isFinite(stepSize))) throw new InputException("Langevin step size must be > 0, got " + stepSize);
        if (steps < 0) throw new InputException("Langevin step count must be >= 0, got " + steps);
        Mat x = x0;
        for (int k = 0; k < steps; k++) {
            Mat g = field.score(x, sigma);
            Iterates.emit(callback, k, sigma, x, g);
            x = Iterates.langevin(x, g, stepSize, Iterates.noise(x, rng));
        }
        return Iterates.finish(field, x, sigma, steps, callback);
    }
}
