package io.scorescope.training;

import io.scorescope.io.InputException;
import io.scorescope.math.Rng;

/**
 * How training draws sigma. {@code log-uniform}: ln sigma ~ U(ln sigma_min, ln sigma_max) (VE, default);
 * {@code lognormal}: ln sigma ~ N(P_mean, P_std^2) clipped to [sigma_min, sigma_max] (EDM, P_mean = -1.2, P_std = 1.2).
 */
public enum NoiseDistribution {
    LOG_UNIFORM("log-uniform"), LOGNORMAL("lognormal");

    private final String cliName;

    NoiseDistribution(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }

    public static NoiseDistribution byName(String name) {
        for (NoiseDistribution d : values()) if (d.cliName.equals(name)) return d;
        throw new InputException("unknown noise distribution '" + name + "'; expected log-uniform or lognormal");
    }

    public double draw(Rng rng, double sigmaMin, double sigmaMax) {
        return switch (this) {
            case LOG_UNIFORM -> Math.exp(rng.uniform(Math.log(sigmaMin), Math.log(sigmaMax)));
            case LOGNORMAL -> Math.min(sigmaMax, Math.max(sigmaMin, Math.exp(-1.2 + 1.2 * rng.gaussian())));
        };
    }
}
