package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.math.Vec;

/**
 * Predictor–corrector sampling (Song et al. 2021), VE. At each level sigma_i, i < K: {@code correctorSteps}
 * Langevin corrector steps with target signal-to-noise ratio r, per sample b:
 * eps_b = 2 (r |z_b| / |g_b|)^2, x_b += eps_b g_b + sqrt(2 eps_b) z_b (eps_b = 0 where g_b = 0);
 * then one {@link ReverseSde} predictor step to sigma_{i+1}. The step is reported after the corrector, before
 * the predictor. With no corrector steps it is exactly {@link ReverseSde#run(ScoreField, NoiseSchedule, Mat, Rng, StepCallback)}.
 */
public final class PredictorCorrector {
    /** score_sde's VE default target SNR. */
    public static final double DEFAULT_SNR = 0.16;

    private PredictorCorrector() {}

    public static Mat run(ScoreField field, NoiseSchedule schedule, Mat x, double snr, int correctorSteps, Rng rng,
                          StepCallback callback) {
        Iterates.checkInput(field, x);
        int k = schedule.steps();
        for (int i = 0; i < k; i++) {
            double sigma = schedule.sigma(i);
            for (int c = 0; c < correctorSteps; c++) x = correct(x, field.score(x, sigma), snr, rng);
            Mat g = field.score(x, sigma);
            Iterates.emit(callback, i, sigma, x, g);
            x = ReverseSde.predict(x, g, sigma, schedule.sigma(i + 1), rng);
        }
        return Iterates.finish(field, x, schedule.sigmaMin(), k, callback);
    }

    /** One Langevin corrector step with per-sample step size 2 (r |z_b| / |g_b|)^2. */
    static Mat correct(Mat x, Mat g, double snr, Rng rng) {
        Mat z = Iterates.noise(x, rng);
        double[] eps = new double[x.rows()];
        for (int b = 0; b < x.rows(); b++) {
            double gn = Vec.norm(g.row(b));
            double ratio = gn == 0 ? 0 : snr * Vec.norm(z.row(b)) / gn;
            eps[b] = 2 * ratio * ratio;
        }
        return Iterates.langevin(x, g, eps, z);
    }
}
