package io.scorescope.field;

import io.scorescope.math.Mat;
import io.scorescope.math.Vec;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Gaussian q0 = N(mu, Sigma) under variance-exploding smoothing, q_sigma = N(mu, C) with
 * C = Sigma + sigma^2 I, in closed form:
 * <ul>
 *   <li>score g = -C^{-1}(x - mu), Jacobian J = -C^{-1} (symmetric; singular values are the inverse
 *       variances of C, u_i = -v_i),</li>
 *   <li>log q_sigma(x) = -(D log 2 pi + log det C + (x - mu)^T C^{-1} (x - mu)) / 2,</li>
 *   <li>posterior x0 | x ~ N(mu + Sigma C^{-1}(x - mu), Sigma - Sigma C^{-1} Sigma).</li>
 * </ul>
 * Sigma may be singular (a Gaussian on an affine subspace). A diagonal Sigma is handled element-wise
 * in O(D); a full Sigma by a Cholesky factor of C, cached per noise level.
 */
public final class GaussianField implements PointwiseField {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final int CACHE_LIMIT = 64;

    private final double[] mean;
    private final double[] variances; // the diagonal of Sigma when Sigma is diagonal, else null
    private final Mat covariance;
    private final Map<Double, Smoothed> cache = new ConcurrentHashMap<>();

    /** Mean and second moments x0|x of a Gaussian posterior. */
    public record Moments(double[] mean, Mat cov) {}

    /** N(mean, covariance); covariance must be symmetric positive semi-definite. */
    public GaussianField(double[] mean, Mat covariance) {
        int d = mean.length;
        if (d == 0) throw new IllegalArgumentException("a Gaussian needs dimension >= 1");
        if (covariance.rows() != d || covariance.cols() != d)
            throw new IllegalArgumentException("covariance " + covariance.shape() + " does not match mean of length " + d);
        if (!Vec.isFinite(mean) || !covariance.isFinite()) throw new IllegalArgumentException("non-finite Gaussian parameters");
        if (covariance.antisymmetricPart().maxAbs() > 1e-12 * Math.max(1, covariance.maxAbs()))
            throw new IllegalArgumentException("covariance is not symmetric");
        this.mean = mean.clone();
        this.covariance = covariance.symmetricPart();
        this.variances = isDiagonal(covariance) ? diagonalOf(covariance) : null;
        if (variances != null) for (double v : variances) if (!(v >= 0)) throw new IllegalArgumentException("negative variance " + v);
    }

    /** N(0, diag(variances)). */
    public static GaussianField diagonal(double... variances) { return diagonal(new double[variances.length], variances); }

    /** N(mean, diag(variances)). */
    public static GaussianField diagonal(double[] mean, double[] variances) {
        if (mean.length != variances.length) throw new IllegalArgumentException("mean and variances differ in length");
        return new GaussianField(mean, Mat.diag(variances));
    }

    @Override public int dim() { return mean.length; }

    public double[] mean() { return mean.clone(); }

    public Mat covariance() { return covariance.copy(); }

    /** True when Sigma is diagonal (the O(D) path). */
    public boolean isDiagonal() { return variances != null; }

    /** g = -C^{-1}(x - mu) at one point. */
    public double[] score(double[] x, double sigma) {
        return Vec.scale(-1, smoothed(sigma).solve(Vec.sub(x, mean)));
    }

    /** J = -C^{-1} (independent of x). */
    public Mat jacobian(double sigma) { return smoothed(sigma).inverse().scale(-1); }

    /** Normalised log q_sigma(x) at one point. */
    public double logDensity(double[] x, double sigma) {
        Smoothed c = smoothed(sigma);
        double[] r = Vec.sub(x, mean);
        return -0.5 * (dim() * LOG_2PI + c.logDet() + Vec.dot(r, c.solve(r)));
    }

    /** The exact posterior of x0 given x = x0 + sigma eps: N(mu + Sigma C^{-1}(x - mu), Sigma - Sigma C^{-1} Sigma). */
    public Moments posterior(double[] x, double sigma) {
        Mat gain = covariance.times(smoothed(sigma).inverse()); // Sigma C^{-1}
        double[] m = Vec.add(mean, gain.times(Vec.sub(x, mean)));
        Mat cov = covariance.minus(gain.times(covariance)).symmetricPart();
        return new Moments(m, cov);
    }

    /** J = -(Sigma + sigma^2 I)^{-1}, the same at every x. */
    @Override
    public Mat jacobian(double[] x, double sigma) { return jacobian(sigma); }

    @Override
    public String describe() {
        String mu = Arrays.stream(mean).allMatch(v -> v == 0) ? "0" : Arrays.toString(mean);
        return variances != null
                ? "gaussian(mean=" + mu + ", var=" + Arrays.toString(variances) + ")"
                : "gaussian(D=" + dim() + ", mean=" + mu + ", full covariance)";
    }

    /** C = Sigma + sigma^2 I, through the operations the closed forms need. */
    private interface Smoothed {
        double[] solve(double[] v);
        Mat inverse();
        double logDet();
    }

    private Smoothed smoothed(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("noise level must be positive, got " + sigma);
        double s2 = sigma * sigma;
        if (variances != null) return diagonalSmoothed(s2);
        Smoothed c = cache.get(sigma);
        if (c == null) {
            if (cache.size() >= CACHE_LIMIT) cache.clear();
            c = choleskySmoothed(s2);
            cache.put(sigma, c);
        }
        return c;
    }

    private Smoothed diagonalSmoothed(double s2) {
        return new Smoothed() {
            @Override public double[] solve(double[] v) {
                double[] r = new double[v.length];
                for (int i = 0; i < v.length; i++) r[i] = v[i] / (variances[i] + s2);
                return r;
            }
            @Override public Mat inverse() {
                double[] d = new double[variances.length];
                for (int i = 0; i < d.length; i++) d[i] = 1 / (variances[i] + s2);
                return Mat.diag(d);
            }
            @Override public double logDet() {
                double s = 0;
                for (double v : variances) s += Math.log(v + s2);
                return s;
            }
        };
    }

    private Smoothed choleskySmoothed(double s2) {
        Cholesky ch = Cholesky.of(covariance.plus(Mat.identity(dim()).scale(s2)));
        Mat inv = ch.inverse();
        double logDet = ch.logDet();
        return new Smoothed() {
            @Override public double[] solve(double[] v) { return ch.solve(v); }
            @Override public Mat inverse() { return inv.copy(); }
            @Override public double logDet() { return logDet; }
        };
    }

    private static boolean isDiagonal(Mat c) {
        int d = c.rows();
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) if (i != j && c.get(i, j) != 0) return false;
        return true;
    }

    private static double[] diagonalOf(Mat c) {
        double[] v = new double[c.rows()];
        for (int i = 0; i < v.length; i++) v[i] = c.get(i, i);
        return v;
    }
}
