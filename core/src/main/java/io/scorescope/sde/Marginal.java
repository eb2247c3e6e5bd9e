package io.scorescope.sde;

/**
 * The perturbation kernel of a linear forward SDE at one time, in the EDM convention:
 * x_t = s x0 + s sigma eps, eps ~ N(0, I). The VE-frame state is x_t / s, at VE noise level sigma.
 * VE: s = 1. VP: s = sqrt(alphaBar), sigma = sqrt(1 - s^2) / s.
 *
 * @param scale s(t) > 0
 * @param sigma the VE-equivalent noise level sigma(t) >= 0
 */
public record Marginal(double scale, double sigma) {
    /** Standard deviation of the noise in the native frame, s sigma. */
    public double nativeStd() { return scale * sigma; }
}
