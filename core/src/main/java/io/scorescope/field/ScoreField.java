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
