package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;

/**
 * The probability-flow ODE in the VE frame, dx/dsigma = -sigma g_sigma(x), solved with Heun's second-order
 * method on a noise schedule (EDM Algorithm 1 without churn):
 * d_i = -sigma_i g(x_i, sigma_i), x~ = x_i + (sigma_{i+1} - sigma_i) d_i, d~ = -sigma_{i+1} g(x~, sigma_{i+1}),
 * x_{i+1} = x_i + (sigma_{i+1} - sigma_i)(d_i + d~)/2. Deterministic; 2K + 1 score evaluations. The ODE in the
 * VE frame is the same for every SDE with the same sigma(t) (EDM section 2), so it serves VP models too.
 */
public final class ProbabilityFlow {
    private ProbabilityFlow() {}

    public static Mat heun(ScoreField field, NoiseSchedule schedule, Mat x, StepCallback callback) {
        Iterates.checkInput(field, x);
        int k = schedule.steps();
        for (int i = 0; i < k; i++) {
            double sigma = schedule.sigma(i), next = schedule.sigma(i + 1), h = next - sigma;
            Mat g = field.score(x, sigma);
            Iterates.emit(callback, i, sigma, x, g);
            Mat slope = g.scale(-sigma);
            Mat euler = x.plusScaled(h, slope);
            Mat slopeNext = field.score(euler, next).scale(-next);
            x = x.plusScaled(h / 2, slope.plus(slopeNext));
        }
        return Iterates.finish(field, x, schedule.sigmaMin(), k, callback);
    }
}
