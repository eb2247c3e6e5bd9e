package io.scorescope.field;

import io.scorescope.math.Mat;

/**
 * An exact field defined point by point (closed forms such as Gaussians and mixtures): the batch methods of
 * {@link ScoreField} and {@link ExactField} evaluate each row x_i at its own sigma_i.
 */
public interface PointwiseField extends ExactField {
    /** g_sigma(x). */
    double[] score(double[] x, double sigma);

    /** J = dg_sigma/dx at x. */
    Mat jacobian(double[] x, double sigma);

    /** log q_sigma(x). */
    double logDensity(double[] x, double sigma);

    @Override default Mat score(Mat x, double[] sigma) {
        Mat g = new Mat(x.rows(), dim());
        for (int i = 0; i < x.rows(); i++) g.setRow(i, score(x.row(i), sigma[i]));
        return g;
    }

    @Override default Mat[] jacobian(Mat x, double[] sigma) {
        Mat[] out = new Mat[x.rows()];
        for (int i = 0; i < out.length; i++) out[i] = jacobian(x.row(i), sigma[i]);
        return out;
    }

    @Override default double[] logDensity(Mat x, double[] sigma) {
        double[] out = new double[x.rows()];
        for (int i = 0; i < out.length; i++) out[i] = logDensity(x.row(i), sigma[i]);
        return out;
    }
}
