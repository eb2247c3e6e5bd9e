package io.scorescope.engine;

import io.scorescope.math.Mat;

/**
 * Per-row noise conditioning of a score network, computed by the model from sigma:
 * the network sees u = cIn * x and the noise features f(sigma), and the score is assembled as
 * <pre>
 *   vector output:  g = a x + b F(u, f)                       (F: R^D -> R^D)
 *   energy output:  E = -a |x|^2 / 2 + b F(u, f),  g = -grad_x E = a x - b cIn grad_u F   (F scalar)
 * </pre>
 * so every parameterisation (raw score, epsilon, EDM denoiser, energy) is one choice of (a, b, cIn).
 */
public record Conditioning(double[] a, double[] b, double[] cIn, Mat features) {
    public Conditioning {
        int n = a.length;
        if (b.length != n || cIn.length != n || features.rows() != n)
            throw new IllegalArgumentException("conditioning arrays differ in length");
    }

    public int rows() { return a.length; }
}
