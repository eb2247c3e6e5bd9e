package io.scorescope.field;

import io.scorescope.math.Mat;

/**
 * A non-conservative test field: a Gaussian score plus a rigid rotation in the (e1, e2) plane,
 * g(x) = g_gauss(x) + A x with A = omega (e1 e2^T - e2 e1^T), so J = -C^{-1} + A.
 * Its antisymmetric part (J - J^T)/2 is exactly A at every x and sigma, and its symmetric part is the
 * Gaussian Jacobian. It has no log-density, so it is not an {@link ExactField}.
 */
public final class RotatingGaussianField implements ScoreField {
    private final GaussianField gaussian;
    private final double omega;
    private final Mat rotation;

    /** Rotation of rate omega in the plane of the first two coordinates; needs D >= 2. */
    public RotatingGaussianField(GaussianField gaussian, double omega) {
        if (gaussian.dim() < 2) throw new IllegalArgumentException("a rotation needs dimension >= 2");
        if (!Double.isFinite(omega)) throw new IllegalArgumentException("rotation rate must be finite, got " + omega);
        this.gaussian = gaussian;
        this.omega = omega;
        this.rotation = new Mat(gaussian.dim(), gaussian.dim());
        rotation.set(0, 1, omega);
        rotation.set(1, 0, -omega);
    }

    /** Zero-mean diagonal Gaussian with a rotation of rate omega. */
    public static RotatingGaussianField diagonal(double omega, double... variances) {
        return new RotatingGaussianField(GaussianField.diagonal(variances), omega);
    }

    @Override public int dim() { return gaussian.dim(); }

    public double omega() { return omega; }

    /** The conservative part, a Gaussian score field. */
    public GaussianField gaussian() { return gaussian; }

    /** A = omega (e1 e2^T - e2 e1^T), the exact antisymmetric part of J everywhere. */
    public Mat antisymmetricPart() { return rotation.copy(); }

    @Override
    public Mat score(Mat x, double[] sigma) {
        Mat g = gaussian.score(x, sigma);
        for (int i = 0; i < x.rows(); i++) {
            g.add(i, 0, omega * x.get(i, 1));
            g.add(i, 1, -omega * x.get(i, 0));
        }
        return g;
    }

    @Override
    public Mat[] jacobian(Mat x, double[] sigma) {
        Mat[] j = gaussian.jacobian(x, sigma);
        for (int i = 0; i < j.length; i++) j[i] = j[i].plus(rotation);
        return j;
    }

    /** Exact J(x_i) v_i from the closed-form Jacobian (instead of the default central difference). */
    @Override
    public Mat jvp(Mat x, double[] sigma, Mat v) {
        if (v.rows() != x.rows() || v.cols() != x.cols())
            throw new IllegalArgumentException("tangents " + v.shape() + " do not match points " + x.shape());
        Mat[] j = jacobian(x, sigma);
        Mat out = new Mat(x.rows(), x.cols());
        for (int i = 0; i < j.length; i++) out.setRow(i, j[i].times(v.row(i)));
        return out;
    }

    @Override
    public String describe() {
        return "rotating-gaussian(omega=" + omega + ", " + gaussian.describe() + ")";
    }
}
