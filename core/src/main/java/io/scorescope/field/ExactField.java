package io.scorescope.field;

import io.scorescope.math.Mat;

/** A field with a known noisy log-density log q_sigma(x) whose gradient is the score. */
public interface ExactField extends ScoreField {
    /** log q_sigma_i(x_i) for each row (normalised where the field says so). */
    double[] logDensity(Mat x, double[] sigma);
}
