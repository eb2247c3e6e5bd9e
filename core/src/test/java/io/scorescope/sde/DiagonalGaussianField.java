package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;

/** Test-only exact field of N(mu, diag(v)) smoothed by N(0, sigma^2 I): g_j = -(x_j - mu_j) / (v_j + sigma^2). */
record DiagonalGaussianField(double[] mu, double[] v) implements ScoreField {
    @Override public int dim() { return mu.length; }

    @Override public Mat score(Mat x, double[] sigma) {
        Mat g = new Mat(x.rows(), x.cols());
        for (int i = 0; i < x.rows(); i++)
            for (int j = 0; j < x.cols(); j++) g.set(i, j, -(x.get(i, j) - mu[j]) / (v[j] + sigma[i] * sigma[i]));
        return g;
    }

    /** n exact draws from q_sigma = N(mu, diag(v) + sigma^2 I). */
    Mat sample(int n, double sigma, io.scorescope.math.Rng rng) {
        Mat z = rng.gaussian(n, dim());
        for (int i = 0; i < n; i++)
            for (int j = 0; j < dim(); j++) z.set(i, j, mu[j] + Math.sqrt(v[j] + sigma * sigma) * z.get(i, j));
        return z;
    }

    @Override public String describe() { return "test-gaussian"; }
}
