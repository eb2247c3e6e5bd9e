package io.scorescope.sde;

import io.scorescope.io.InputException;
import java.util.Arrays;

/**
 * A descending grid of VE noise levels sigma_0 = sigmaMax > ... > sigma_K = sigmaMin > 0: K steps, K+1 levels.
 * The grid ends at sigmaMin, not 0; the final denoising step x + sigmaMin^2 g is separate
 * ({@link SamplerConfig#denoiseFinal()}).
 * <ul>
 *   <li>geometric: sigma_i = sigmaMax (sigmaMin / sigmaMax)^(i/K);</li>
 *   <li>Karras (EDM): sigma_i = (sigmaMax^(1/rho) + (i/K)(sigmaMin^(1/rho) - sigmaMax^(1/rho)))^rho, rho = 7;</li>
 *   <li>from an SDE's time grid: sigma_i = sigma(t_i).</li>
 * </ul>
 */
public final class NoiseSchedule {
    /** EDM's rho. */
    public static final double KARRAS_RHO = 7;

    private final double[] sigmas;

    private NoiseSchedule(double[] sigmas) { this.sigmas = sigmas; }

    /** A schedule from explicit levels; they must be finite, positive and strictly descending, at least 2. */
    public static NoiseSchedule of(double... sigmas) {
        if (sigmas.length < 2) throw new InputException("a noise schedule needs at least 2 levels, got " + sigmas.length);
        for (int i = 0; i < sigmas.length; i++) {
            if (!(sigmas[i] > 0 && Double.isFinite(sigmas[i])))
                throw new InputException("noise level " + i + " must be finite and > 0, got " + sigmas[i]);
            if (i > 0 && !(sigmas[i] < sigmas[i - 1]))
                throw new InputException("noise levels must be strictly descending, got " + sigmas[i - 1] + " then " + sigmas[i] + " at " + i);
        }
        return new NoiseSchedule(sigmas.clone());
    }

    /** sigma_i = sigmaMax (sigmaMin / sigmaMax)^(i/K), i = 0..K. */
    public static NoiseSchedule geometric(double sigmaMax, double sigmaMin, int steps) {
        checkRange(sigmaMax, sigmaMin, steps);
        double[] s = new double[steps + 1];
        double logRatio = Math.log(sigmaMin / sigmaMax);
        for (int i = 0; i <= steps; i++) s[i] = sigmaMax * Math.exp(logRatio * i / steps);
        s[steps] = sigmaMin;
        return of(s);
    }

    /** Karras et al. (2022) with rho = 7. */
    public static NoiseSchedule karras(double sigmaMax, double sigmaMin, int steps) {
        return karras(sigmaMax, sigmaMin, steps, KARRAS_RHO);
    }

    /** sigma_i = (sigmaMax^(1/rho) + (i/K)(sigmaMin^(1/rho) - sigmaMax^(1/rho)))^rho, i = 0..K. */
    public static NoiseSchedule karras(double sigmaMax, double sigmaMin, int steps, double rho) {
        checkRange(sigmaMax, sigmaMin, steps);
        if (!(rho > 0)) throw new InputException("Karras rho must be > 0, got " + rho);
        double a = Math.pow(sigmaMax, 1 / rho), b = Math.pow(sigmaMin, 1 / rho);
        double[] s = new double[steps + 1];
        for (int i = 0; i <= steps; i++) s[i] = Math.pow(a + (b - a) * i / steps, rho);
        s[0] = sigmaMax;
        s[steps] = sigmaMin;
        return of(s);
    }

    /** The VE-equivalent levels sigma(t_i) of an SDE on a descending time grid. */
    public static NoiseSchedule fromTimes(Sde sde, double[] times) {
        double[] s = new double[times.length];
        for (int i = 0; i < times.length; i++) s[i] = sde.marginal(times[i]).sigma();
        return of(s);
    }

    /** Schedule by name: "geometric" or "karras". */
    public static NoiseSchedule byName(String name, double sigmaMax, double sigmaMin, int steps) {
        return switch (name) {
            case "geometric" -> geometric(sigmaMax, sigmaMin, steps);
            case "karras" -> karras(sigmaMax, sigmaMin, steps);
            default -> throw new InputException("unknown noise schedule '" + name + "'; valid: geometric, karras");
        };
    }

    private static void checkRange(double sigmaMax, double sigmaMin, int steps) {
        if (steps < 1) throw new InputException("a noise schedule needs at least 1 step, got " + steps);
        if (!(sigmaMin > 0 && Double.isFinite(sigmaMax) && sigmaMax > sigmaMin))
            throw new InputException("noise schedule needs 0 < sigma_min < sigma_max, got sigma_min=" + sigmaMin + " sigma_max=" + sigmaMax);
    }

    /** Number of steps K (levels - 1). */
    public int steps() { return sigmas.length - 1; }
    /** sigma_i, i = 0..K. */
    public double sigma(int i) { return sigmas[i]; }
    public double sigmaMax() { return sigmas[0]; }
    public double sigmaMin() { return sigmas[sigmas.length - 1]; }
    /** A copy of the K+1 levels. */
    public double[] sigmas() { return sigmas.clone(); }

    @Override public boolean equals(Object o) { return o instanceof NoiseSchedule s && Arrays.equals(s.sigmas, sigmas); }
    @Override public int hashCode() { return Arrays.hashCode(sigmas); }
    @Override public String toString() {
        return "NoiseSchedule(K=" + steps() + ", " + sigmaMax() + " -> " + sigmaMin() + ")";
    }
}
