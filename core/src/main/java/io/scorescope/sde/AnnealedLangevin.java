package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Annealed Langevin dynamics (Song & Ermon 2019): for each level sigma_i, i = 0..K, T steps
 * x += alpha_i g(x, sigma_i) + sqrt(2 alpha_i) z with alpha_i = eps sigma_i^2 / sigma_K^2. Step i is reported
 * after the T steps at level i (one extra score evaluation per level for its denoised estimate).
 */
public final class AnnealedLangevin {
    /** Song & Ermon's eps for sigma_K = 0.01 (alpha = 0.2 sigma^2 per step). */
    public static final double DEFAULT_EPS = 2e-5;

    private AnnealedLangevin() {}

    public static Mat run(ScoreField field, NoiseSchedule schedule, Mat x, int stepsPerLevel, double eps, Rng rng,
                          StepCallback callback) {
        Iterates.checkInput(field, x);
        if (stepsPerLevel < 1) throw new InputException("annealed Langevin needs at least 1 step per level, got " + stepsPerLevel);
        if (!(eps > 0 && Double.isFinite(eps))) throw new InputException("annealed Langevin eps must be > 0, got " + eps);
        double last = schedule.sigmaMin();
        for (int i = 0; i <= schedule.steps(); i++) {
            double sigma = schedule.sigma(i), alpha = eps * sigma * sigma / (last * last);
            for (int t = 0; t < stepsPerLevel; t++)
                x = Iterates.langevin(x, field.score(x, sigma), alpha, Iterates.noise(x, rng));
            Iterates.finish(field, x, sigma, i, callback);
        }
        return x;
    }
}
