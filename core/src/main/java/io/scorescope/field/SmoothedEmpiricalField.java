package io.scorescope.field;

import io.scorescope.math.Mat;

/**
 * The Gaussian-smoothed empirical distribution of a point set Y (n x D), q_sigma(x) = (1/n) sum_i N(x; y_i, sigma^2 I):
 * the field a model that memorises its training set would learn. Score, Jacobian and normalised log-density
 * are exact through the posterior over the points (softmax of -|x - y_i|^2 / (2 sigma^2)), which is also the
 * training-set "effective density" of the spec (section 8): g = (E[x0|x] - x)/sigma^2,
 * J = (Cov[x0|x] - sigma^2 I)/sigma^4. The score costs O(nD) per point and never forms the covariance.
 */
public final class SmoothedEmpiricalField implements ExactField {
    private final Mat points;
    private final NodeSmoothing smoothing;

    /** Takes the rows of points (not copied: do not modify them afterwards). */
    public SmoothedEmpiricalField(Mat points) {
        if (points.rows() == 0 || points.cols() == 0) throw new IllegalArgumentException("empty point set " + points.shape());
        if (!points.isFinite()) throw new IllegalArgumentException("point set has non-finite values");
        this.points = points;
        this.smoothing = NodeSmoothing.uniform(points);
    }

    @Override public int dim() { return points.cols(); }

    /** Number of points n. */
    public int size() { return points.rows(); }

    /** The training points (the backing matrix, not a copy). */
    public Mat points() { return points; }

    /** The posterior over the points at x: the effective density (weights), E[x0|x], Cov[x0|x], ESS. */
    public Posterior posterior(double[] x, double sigma) { return smoothing.posterior(x, sigma); }

    @Override public Mat score(Mat x, double[] sigma) { return smoothing.score(x, sigma); }

    @Override public Mat[] jacobian(Mat x, double[] sigma) { return smoothing.jacobian(x, sigma); }

    @Override public double[] logDensity(Mat x, double[] sigma) { return smoothing.logDensity(x, sigma); }

    @Override
    public String describe() { return "smoothed-empirical(n=" + size() + ", D=" + dim() + ")"; }
}
