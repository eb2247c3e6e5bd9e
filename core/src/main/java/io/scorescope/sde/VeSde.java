package io.scorescope.sde;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Variance-exploding SDE: sigma(t) = sigmaMin (sigmaMax / sigmaMin)^t, s(t) = 1, f = 0,
 * g(t) = sigma(t) sqrt(2 ln(sigmaMax / sigmaMin)) (so that g^2 = d sigma^2 / dt). Prior N(0, sigmaMax^2 I).
 */
public record VeSde(double sigmaMin, double sigmaMax) implements Sde {
    public VeSde {
        if (!(sigmaMin > 0 && Double.isFinite(sigmaMax) && sigmaMax > sigmaMin))
            throw new InputException("VE SDE needs 0 < sigma_min < sigma_max, got sigma_min=" + sigmaMin + " sigma_max=" + sigmaMax);
    }

    private double logRatio() { return Math.log(sigmaMax / sigmaMin); }

    @Override public Marginal marginal(double t) { return new Marginal(1, sigmaMin * Math.exp(t * logRatio())); }
    @Override public double driftRate(double t) { return 0; }
    @Override public double diffusion(double t) { return marginal(t).sigma() * Math.sqrt(2 * logRatio()); }
    @Override public double timeOf(double sigma) { return Math.log(sigma / sigmaMin) / logRatio(); }
    @Override public Mat priorSample(int n, int dim, Rng rng) { return rng.gaussian(n, dim).scale(sigmaMax); }
    @Override public String describe() { return "ve(sigma_min=" + sigmaMin + ", sigma_max=" + sigmaMax + ")"; }
}
