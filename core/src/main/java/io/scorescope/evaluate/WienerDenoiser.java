package io.scorescope.evaluate;

import io.scorescope.engine.Linalg;
import io.scorescope.math.Mat;
import io.scorescope.math.Vec;

/**
 * The linear minimum-MSE (Wiener) denoiser of a distribution with mean mu and covariance Sigma under
 * y = x0 + sigma eps: D(y) = mu + Sigma (Sigma + sigma^2 I)^{-1} (y - mu). It is the exact posterior mean when x0 is
 * Gaussian, and the best linear denoiser otherwise. Computed from one eigendecomposition Sigma = V diag(l) V^T
 * (float64; eigenvalues below 0, round-off of a singular Sigma, are clamped to 0), so that at every sigma the filter
 * is V diag(l / (l + sigma^2)) V^T.
 */
public final class WienerDenoiser {
    private final double[] mean;
    private final double[] variances;   // eigenvalues of Sigma, clamped to >= 0
    private final Mat vectors;          // eigenvectors as columns

    public WienerDenoiser(double[] mean, Mat covariance) {
        int d = mean.length;
        if (covariance.rows() != d || covariance.cols() != d)
            throw new IllegalArgumentException("covariance " + covariance.shape() + " does not match a mean of length " + d);
        if (!Vec.isFinite(mean) || !covariance.isFinite()) throw new IllegalArgumentException("non-finite moments");
        Linalg.Eigh e = Linalg.eigh(covariance.symmetricPart());
        this.mean = mean.clone();
        this.variances = e.values().clone();
        for (int i = 0; i < d; i++) variances[i] = Math.max(0, variances[i]);
        this.vectors = e.vectors();
    }

    public int dim() { return mean.length; }

    /** D(y) at each row of y, one noise level. */
    public Mat denoise(Mat y, double sigma) {
        if (y.cols() != dim()) throw new IllegalArgumentException("points of dimension " + y.cols() + ", filter of " + dim());
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("noise level must be positive, got " + sigma);
        int n = y.rows(), d = dim();
        Mat r = new Mat(n, d);
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) r.set(i, k, y.get(i, k) - mean[k]);
        Mat z = Linalg.times(r, vectors);
        double s2 = sigma * sigma;
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) z.set(i, k, z.get(i, k) * gain(k, s2));
        Mat out = Linalg.times(z, vectors.transpose());
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) out.add(i, k, mean[k]);
        return out;
    }

    /**
     * tr(Sigma (Sigma + sigma^2 I)^{-1}) / D: the expected MSE / sigma^2 per coordinate of this denoiser when x0 is
     * exactly N(mu, Sigma) (the posterior variance is sigma^2 Sigma (Sigma + sigma^2 I)^{-1}).
     */
    public double gaussianRatio(double sigma) {
        double s2 = sigma * sigma, t = 0;
        for (int k = 0; k < dim(); k++) t += gain(k, s2);
        return t / dim();
    }

    private double gain(int k, double s2) {
        double l = variances[k];
        return l == 0 ? 0 : l / (l + s2);
    }
}
