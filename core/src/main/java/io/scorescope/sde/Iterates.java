package io.scorescope.sde;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/** The pieces every sampler shares: input checks, reporting a step, the Langevin update, noise draws. */
final class Iterates {
    private Iterates() {}

    static void checkInput(ScoreField field, Mat x) {
        if (x.cols() != field.dim())
            throw new InputException("initial points have dimension " + x.cols() + " but the field " + field.describe() + " has " + field.dim());
        if (x.rows() == 0) throw new InputException("no initial points to sample from");
    }

    /** Reports (index, sigma, x, x + sigma^2 g), with g = g_sigma(x) already evaluated. */
    static void emit(StepCallback callback, int index, double sigma, Mat x, Mat g) {
        callback.onStep(new Step(index, sigma, x, x.plusScaled(sigma * sigma, g)));
    }

    /** Evaluates the score at the final state, reports it as step {@code index} and returns the state. */
    static Mat finish(ScoreField field, Mat x, double sigma, int index, StepCallback callback) {
        emit(callback, index, sigma, x, field.score(x, sigma));
        return x;
    }

    /** One standard-normal block of the shape of x, drawn row-major: the only draw order samplers use. */
    static Mat noise(Mat x, Rng rng) { return rng.gaussian(x.rows(), x.cols()); }

    /** The Langevin update with one step size for every row. */
    static Mat langevin(Mat x, Mat g, double eps, Mat z) {
        return x.plusScaled(eps, g).plusScaled(Math.sqrt(2 * eps), z);
    }
}
