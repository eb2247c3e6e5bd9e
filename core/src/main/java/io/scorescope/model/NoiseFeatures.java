package io.scorescope.model;

import io.scorescope.math.Mat;

/**
 * Fourier features of the log noise level, the network's noise embedding:
 * with tau = ln(sigma) / 4, f(sigma) = [tau, sin(pi k tau), cos(pi k tau) for k = 1..K].
 */
public record NoiseFeatures(int frequencies) {
    public static final NoiseFeatures DEFAULT = new NoiseFeatures(8);

    public int dim() { return 1 + 2 * frequencies; }

    public Mat of(double[] sigma) {
        Mat f = new Mat(sigma.length, dim());
        for (int i = 0; i < sigma.length; i++) {
            double tau = Math.log(sigma[i]) / 4;
            f.set(i, 0, tau);
            for (int k = 1; k <= frequencies; k++) {
                f.set(i, 2 * k - 1, Math.sin(Math.PI * k * tau));
                f.set(i, 2 * k, Math.cos(Math.PI * k * tau));
            }
        }
        return f;
    }
}
