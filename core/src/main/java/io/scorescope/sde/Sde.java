package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * A linear forward SDE dx = f(t) x dt + g(t) dW on t in [0, 1] (score_sde's abstraction), with marginal
 * x_t = s(t) x0 + s(t) sigma(t) eps, where s(t) = exp(int_0^t f) and s^2 d(sigma^2)/dt = g^2.
 *
 * <p>VE-form score conversion: with x_ve = x_t / s and sigma = sigma(t), p_t(x_t) = q_sigma(x_t / s) / s^D, so
 * grad log p_t(x_t) = g_ve(x_t / s, sigma) / s ({@link #score}).
 *
 * <p>Reverse time: dx = [f x - g^2 grad log p_t] dt + g dW-bar (reverse SDE) and
 * dx/dt = f x - (1/2) g^2 grad log p_t (probability-flow ODE) ({@link #reverseDrift}).
 */
public interface Sde {
    /** (s(t), sigma(t)). */
    Marginal marginal(double t);

    /** The linear drift rate f(t): f(x, t) = f(t) x. */
    double driftRate(double t);

    /** The diffusion coefficient g(t). */
    double diffusion(double t);

    /** The time at which the VE-equivalent noise level is sigma (inverse of sigma(t)). */
    double timeOf(double sigma);

    /** n draws from the prior p_1 in the native frame (n x dim). */
    Mat priorSample(int n, int dim, Rng rng);

    /** A one-line description for provenance. */
    String describe();

    /** The native-frame score grad log p_t(x) = g_ve(x / s, sigma) / s for each row of x. */
    default Mat score(ScoreField field, Mat x, double t) {
        Marginal m = marginal(t);
        if (m.scale() == 1) return field.score(x, m.sigma());
        return field.score(x.scale(1 / m.scale()), m.sigma()).scale(1 / m.scale());
    }

    /**
     * The reverse-time drift: f(t) x - c g(t)^2 grad log p_t(x), with c = 1 for the reverse SDE and
     * c = 1/2 for the probability-flow ODE. Integrate it with dt < 0.
     */
    default Mat reverseDrift(ScoreField field, Mat x, double t, boolean probabilityFlow) {
        return reverseDrift(x, t, score(field, x, t), probabilityFlow);
    }

    /** {@link #reverseDrift(ScoreField, Mat, double, boolean)} with the native-frame score already evaluated. */
    default Mat reverseDrift(Mat x, double t, Mat nativeScore, boolean probabilityFlow) {
        double g = diffusion(t), c = probabilityFlow ? 0.5 : 1.0;
        return x.scale(driftRate(t)).plusScaled(-c * g * g, nativeScore);
    }

    /** A native-frame state at time t mapped to the VE frame: x / s(t). */
    default Mat toVe(Mat x, double t) {
        double s = marginal(t).scale();
        return s == 1 ? x : x.scale(1 / s);
    }

    /** K+1 uniformly spaced times from 1 down to tEnd (K steps), the native time grid of the samplers. */
    static double[] uniformTimes(int steps, double tEnd) {
        if (steps < 1) throw new InputException("time grid needs at least 1 step, got " + steps);
        if (!(tEnd > 0 && tEnd < 1)) throw new InputException("time grid end must be in (0, 1), got " + tEnd);
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) t[i] = 1 - (1 - tEnd) * i / steps;
        return t;
    }
}
