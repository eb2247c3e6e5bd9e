package io.scorescope.field;

import io.scorescope.math.Mat;
import java.util.Arrays;

/**
 * A sigma-conditioned vector field g_sigma(x) ~ grad_x log q_sigma(x) on R^D, evaluated in batches.
 * Trained networks and exact analytic fields implement this one interface, so every estimator can be
 * run on a field whose answer is known. Noise is variance-exploding: q_sigma = q0 * N(0, sigma^2 I).
 */
public interface ScoreField {
    /** Ambient dimension D. */
    int dim();

    /** g_{sigma_i}(x_i) for each row x_i of {@code x} (n x D), with one noise level per row. */
    Mat score(Mat x, double[] sigma);

    /** g_sigma at every row, one shared noise level. */
    default Mat score(Mat x, double sigma) {
        double[] s = new double[x.rows()];
        Arrays.fill(s, sigma);
        return score(x, s);
    }

    /**
     * The score Jacobian J = d g_sigma / dx (D x D, row = output component) at each row, in float64.
     * The default is central finite differences (see {@link FiniteDifference}); fields with an exact
     * path override it.
     */
    default Mat[] jacobian(Mat x, double[] sigma) {
        return FiniteDifference.jacobian(this, x, sigma);
    }

    default Mat[] jacobian(Mat x, double sigma) {
        double[] s = new double[x.rows()];
        Arrays.fill(s, sigma);
        return jacobian(x, s);
    }

    /**
     * Jacobian-vector products: row i = J(x_i) v_i, J = d g_sigma / dx, for {@code v} shaped like {@code x}.
     * The default is one central difference along each v_i ({@link FiniteDifference#jvp}, 2n points in one
     * score call; error O(h^2) truncation plus O(eps |g| / h) round-off); networks override it exactly.
     */
    default Mat jvp(Mat x, double[] sigma, Mat v) {
        return FiniteDifference.jvp(this, x, sigma, v);
    }

    /**
     * Vector-Jacobian products: row i = J(x_i)^T u_i, for {@code u} shaped like {@code x}. The default forms
     * every full Jacobian with {@link #jacobian(Mat, double[])}, so it is exact where that is exact but costs a
     * whole Jacobian (2D score evaluations per point on the finite-difference path); networks override it
     * with one backward pass.
     */
    default Mat vjp(Mat x, double[] sigma, Mat u) {
        if (u.rows() != x.rows() || u.cols() != x.cols())
            throw new IllegalArgumentException("cotangents " + u.shape() + " do not match points " + x.shape());
        Mat[] jac = jacobian(x, sigma);
        Mat out = new Mat(x.rows(), x.cols());
        for (int i = 0; i < jac.length; i++) out.setRow(i, jac[i].transpose().times(u.row(i)));
        return out;
    }

    /** The denoiser D_sigma(x) = x + sigma^2 g_sigma(x) (Tweedie). */
    default Mat denoise(Mat x, double[] sigma) {
        Mat g = score(x, sigma);
        Mat d = x.copy();
        for (int i = 0; i < x.rows(); i++) for (int j = 0; j < x.cols(); j++) d.add(i, j, sigma[i] * sigma[i] * g.get(i, j));
        return d;
    }

    /** A one-line description for provenance, e.g. "gaussian(var=[1,2])". */
    String describe();
}
