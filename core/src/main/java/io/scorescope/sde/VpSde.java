package io.scorescope.sde;

import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Variance-preserving SDE (DDPM limit): beta(t) = betaMin + t (betaMax - betaMin), f(t) = -beta(t)/2,
 * g(t) = sqrt(beta(t)). Marginal scale s(t) = exp(-(betaMin t + (betaMax - betaMin) t^2 / 2) / 2) and
 * VE-equivalent sigma(t) = sqrt(1 - s^2) / s = sqrt(expm1(betaMin t + (betaMax - betaMin) t^2 / 2)).
 * Prior N(0, I).
 */
public record VpSde(double betaMin, double betaMax) implements Sde {
    /** score_sde's defaults, betaMin = 0.1 and betaMax = 20. */
    public VpSde() { this(0.1, 20); }

    public VpSde {
        if (!(betaMin > 0 && Double.isFinite(betaMax) && betaMax >= betaMin))
            throw new InputException("VP SDE needs 0 < beta_min <= beta_max, got beta_min=" + betaMin + " beta_max=" + betaMax);
    }

    /** beta(t). */
    public double beta(double t) { return betaMin + t * (betaMax - betaMin); }

    /** int_0^t beta = -2 ln s(t). */
    private double integratedBeta(double t) { return betaMin * t + 0.5 * (betaMax - betaMin) * t * t; }

    @Override public Marginal marginal(double t) {
        double b = integratedBeta(t);
        return new Marginal(Math.exp(-0.5 * b), Math.sqrt(Math.expm1(b)));
    }
    @Override public double driftRate(double t) { return -0.5 * beta(t); }
    @Override public double diffusion(double t) { return Math.sqrt(beta(t)); }

    /** Solves betaMin t + (betaMax - betaMin) t^2 / 2 = ln(1 + sigma^2) for t. */
    @Override public double timeOf(double sigma) {
        double b = Math.log1p(sigma * sigma), d = betaMax - betaMin;
        if (d == 0) return b / betaMin;
        return 2 * b / (betaMin + Math.sqrt(betaMin * betaMin + 2 * d * b));
    }
    @Override public Mat priorSample(int n, int dim, Rng rng) { return rng.gaussian(n, dim); }
    @Override public String describe() { return "vp(beta_min=" + betaMin + ", beta_max=" + betaMax + ")"; }
}
