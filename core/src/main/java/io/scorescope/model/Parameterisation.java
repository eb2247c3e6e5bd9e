package io.scorescope.model;

import io.scorescope.engine.Conditioning;
import io.scorescope.engine.ScoreNetwork;
import io.scorescope.io.InputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the network output F becomes the score g_sigma(x); each is one choice of the coefficients
 * (a, b, cIn) of {@link Conditioning}, with c_in = 1/sqrt(sigma^2 + sigma_data^2):
 * <ul>
 *   <li>{@code score} (raw): g = F(c_in x).</li>
 *   <li>{@code eps} (default): the network predicts the noise, g = -F(c_in x) / sigma.</li>
 *   <li>{@code edm}: the EDM-preconditioned denoiser D = c_skip x + c_out F(c_in x), with
 *       c_skip = sd^2/(sigma^2 + sd^2), c_out = sigma sd / sqrt(sigma^2 + sd^2), and g = (D - x)/sigma^2,
 *       i.e. a = (c_skip - 1)/sigma^2, b = c_out/sigma^2.</li>
 *   <li>{@code energy}: a scalar F, E = F(c_in x)/sigma and g = -grad_x E (conservative by construction).</li>
 *   <li>{@code energy-edm}: the conservative counterpart of {@code edm}, E = (1 - c_skip)|x|^2/(2 sigma^2)
 *       + (c_out/sigma^2) F(c_in x) and g = -grad_x E = a x - b grad_x F with the coefficients of {@code edm}. Its
 *       skip term gives the Gaussian part of the score for free, which a plain energy network of width below D
 *       cannot represent (grad_x F lies in the row space of the first layer).</li>
 * </ul>
 * Conversions between them: eps = -sigma g; denoiser D = x + sigma^2 g.
 */
public enum Parameterisation {
    SCORE("g = F(c_in x)"),
    EPS("g = -F(c_in x) / sigma"),
    EDM("D = c_skip x + c_out F(c_in x), g = (D - x) / sigma^2"),
    ENERGY("E = F(c_in x) / sigma, g = -grad_x E"),
    ENERGY_EDM("E = (1 - c_skip)|x|^2/(2 sigma^2) + (c_out/sigma^2) F(c_in x), g = -grad_x E");

    private final String formula;

    Parameterisation(String formula) { this.formula = formula; }

    /** The formula of the score in terms of the network output F. */
    public String describe() { return formula; }

    public String cliName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** True for the conservative parameterisations (g = -grad_x E). */
    public boolean conservative() { return this == ENERGY || this == ENERGY_EDM; }

    public ScoreNetwork.Output output() { return conservative() ? ScoreNetwork.Output.ENERGY : ScoreNetwork.Output.VECTOR; }

    public static Parameterisation byName(String name) {
        for (Parameterisation p : values()) if (p.cliName().equals(name)) return p;
        throw new InputException("unknown parameterisation '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Parameterisation::cliName).toList());
    }

    /** Coefficients for each row's sigma. */
    public Conditioning conditioning(double[] sigma, double sigmaData, NoiseFeatures features) {
        int n = sigma.length;
        double[] a = new double[n], b = new double[n], cIn = new double[n];
        double sd2 = sigmaData * sigmaData;
        for (int i = 0; i < n; i++) {
            double s = sigma[i], s2 = s * s;
            if (!(s > 0)) throw new IllegalArgumentException("sigma must be positive, got " + s);
            cIn[i] = 1 / Math.sqrt(s2 + sd2);
            switch (this) {
                case SCORE -> b[i] = 1;
                case EPS -> b[i] = -1 / s;
                case ENERGY -> b[i] = 1 / s;   // E = F/sigma, and the engine's energy convention is g = a x - b grad_x F
                case EDM, ENERGY_EDM -> {
                    double cSkip = sd2 / (s2 + sd2), cOut = s * sigmaData / Math.sqrt(s2 + sd2);
                    a[i] = (cSkip - 1) / s2;
                    b[i] = cOut / s2;
                }
            }
        }
        return new Conditioning(a, b, cIn, features.of(sigma));
    }
}
