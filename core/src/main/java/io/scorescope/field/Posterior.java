package io.scorescope.field;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;

/**
 * The posterior p_sigma(x0 | x) over a weighted point set {y_i, log w_i} (training points, or quadrature
 * nodes on a manifold with density-times-area weights): p_i ∝ w_i exp(-|x - y_i|^2 / (2 sigma^2)).
 * For q_sigma(x) = sum_i w_i N(x; y_i, sigma^2 I) it gives the exact smoothed quantities
 * (Tweedie, first and second order):
 * <ul>
 *   <li>score g = (E[x0|x] - x) / sigma^2,</li>
 *   <li>Jacobian J = (Cov[x0|x] - sigma^2 I) / sigma^4,</li>
 *   <li>log q_sigma(x) = logsumexp_i(log w_i - |x - y_i|^2/(2 sigma^2)) - (D/2) log(2 pi sigma^2),</li>
 *   <li>effective sample size 1 / sum_i p_i^2.</li>
 * </ul>
 * This is the "effective density" of the spec (section 8).
 */
public record Posterior(double[] weights, double[] mean, Mat cov, double logNormaliser, double sigma) {

    /** Posterior at x over nodes y (n x D) with log prior weights (need not be normalised). */
    public static Posterior at(double[] x, double sigma, Mat y, double[] logWeights) {
        int n = y.rows(), d = y.cols();
        if (x.length != d) throw new IllegalArgumentException("point has dim " + x.length + ", nodes have " + d);
        double[] logits = new double[n];
        double inv = 1 / (2 * sigma * sigma);
        double[] yd = y.data();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) { double t = x[k] - yd[i * d + k]; s += t * t; }
            logits[i] = logWeights[i] - s * inv;
        }
        double lse = Vec.logSumExp(logits);
        double[] p = new double[n];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[i] - lse);
            if (p[i] == 0) continue;
            for (int k = 0; k < d; k++) mean[k] += p[i] * yd[i * d + k];
        }
        Mat cov = new Mat(d, d);
        double[] c = cov.data();
        double[] dev = new double[d];
        for (int i = 0; i < n; i++) {
            if (p[i] == 0) continue;
            for (int k = 0; k < d; k++) dev[k] = yd[i * d + k] - mean[k];
            for (int a = 0; a < d; a++) {
                double pa = p[i] * dev[a];
                for (int b = a; b < d; b++) c[a * d + b] += pa * dev[b];
            }
        }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) c[a * d + b] = c[b * d + a];
        double logQ = lse - 0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
        return new Posterior(p, mean, cov, logQ, sigma);
    }

    /** g = (E[x0|x] - x) / sigma^2. */
    public double[] score(double[] x) {
        double[] g = Vec.sub(mean, x);
        return Vec.scale(1 / (sigma * sigma), g);
    }

    /** J = (Cov[x0|x] - sigma^2 I) / sigma^4. */
    public Mat jacobian() {
        double s2 = sigma * sigma;
        return cov.minus(Mat.identity(cov.rows()).scale(s2)).scale(1 / (s2 * s2));
    }

    /** log q_sigma(x), normalised if the prior weights sum to one. */
    public double logDensity() { return logNormaliser; }

    /** 1 / sum p_i^2. */
    public double effectiveSampleSize() {
        double s = 0;
        for (double w : weights) s += w * w;
        return 1 / s;
    }
}
