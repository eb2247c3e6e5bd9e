package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Euler–Maruyama for the reverse SDE.
 * <ul>
 *   <li>VE on a noise schedule (score_sde's reverse-diffusion predictor):
 *       x_{i+1} = x_i + (sigma_i^2 - sigma_{i+1}^2) g(x_i, sigma_i) + sqrt(sigma_i^2 - sigma_{i+1}^2) z.</li>
 *   <li>Any {@link Sde} on its own descending time grid, in the native frame:
 *       x_{i+1} = x_i - [f(t_i) x_i - g(t_i)^2 grad log p_{t_i}(x_i)] dt_i + g(t_i) sqrt(dt_i) z, dt_i = t_i - t_{i+1}.</li>
 * </ul>
 * One score evaluation per step plus one at the end (for the last step's denoised estimate).
 */
public final class ReverseSde {
    private ReverseSde() {}

    /** VE reverse SDE from x (at sigma_0) down to sigma_K; returns the state at sigma_K = sigmaMin. */
    public static Mat run(ScoreField field, NoiseSchedule schedule, Mat x, Rng rng, StepCallback callback) {
        Iterates.checkInput(field, x);
        int k = schedule.steps();
        for (int i = 0; i < k; i++) {
            double sigma = schedule.sigma(i);
            Mat g = field.score(x, sigma);
            Iterates.emit(callback, i, sigma, x, g);
            x = predict(x, g, sigma, schedule.sigma(i + 1), rng);
        }
        return Iterates.finish(field, x, schedule.sigmaMin(), k, callback);
    }

    /** One VE reverse-diffusion step from sigma to next < sigma, given g = g_sigma(x). */
    static Mat predict(Mat x, Mat g, double sigma, double next, Rng rng) {
        double dv = sigma * sigma - next * next;
        return x.plusScaled(dv, g).plusScaled(Math.sqrt(dv), Iterates.noise(x, rng));
    }

    /**
     * Reverse SDE of {@code sde} on the descending time grid {@code times} (e.g. {@link Sde#uniformTimes}),
     * starting from native-frame states x at times[0] (e.g. {@link Sde#priorSample}). Steps are reported in the
     * VE frame (x / s(t_i), sigma(t_i)); the return value is the native-frame state at the last time.
     */
    public static Mat run(ScoreField field, Sde sde, double[] times, Mat x, Rng rng, StepCallback callback) {
        Iterates.checkInput(field, x);
        checkTimes(times);
        int k = times.length - 1;
        for (int i = 0; i < k; i++) {
            double t = times[i], dt = t - times[i + 1];
            Marginal m = sde.marginal(t);
            Mat xVe = sde.toVe(x, t);
            Mat gVe = field.score(xVe, m.sigma());
            Iterates.emit(callback, i, m.sigma(), xVe, gVe);
            Mat drift = sde.reverseDrift(x, t, gVe.scale(1 / m.scale()), false);
            x = x.plusScaled(-dt, drift).plusScaled(sde.diffusion(t) * Math.sqrt(dt), Iterates.noise(x, rng));
        }
        double tEnd = times[k];
        Iterates.finish(field, sde.toVe(x, tEnd), sde.marginal(tEnd).sigma(), k, callback);
        return x;
    }

    private static void checkTimes(double[] times) {
        if (times.length < 2) throw new InputException("a time grid needs at least 2 times, got " + times.length);
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] > 0 && times[i] <= 1)) throw new InputException("time " + i + " must be in (0, 1], got " + times[i]);
            if (i > 0 && !(times[i] < times[i - 1]))
                throw new InputException("times must be strictly descending, got " + times[i - 1] + " then " + times[i]);
        }
    }
}
