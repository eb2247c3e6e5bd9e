package io.scorescope.engine;

import io.scorescope.math.Mat;
import java.util.Map;

/**
 * A sigma-conditioned network F whose output is assembled into a score g = a x + b F(cIn x, f) by a
 * {@link Conditioning}, with its Adam state and EMA weights. Implemented by {@link ScoreMlp} (any D)
 * and {@link ScoreUnet} (images). Points are rows of length {@link #dim()}.
 */
public interface ScoreNetwork {
    /** What the network outputs: a vector field F (g = a x + b F), or a scalar energy (g = a x - b cIn grad_u F). */
    enum Output { VECTOR, ENERGY }

    int dim();

    /** Number of trainable scalars. */
    long parameterCount();

    /** Adam steps taken so far (for bias correction on resume). */
    long adamSteps();

    /** g at each row of x (float32 forward, no graph), with the EMA weights or the live ones. */
    Mat score(Mat x, Conditioning c, boolean useEma);

    /** g evaluated in float64 on a double copy of the weights (the reference for finite-difference checks). */
    Mat scoreFloat64(Mat x, Conditioning c, boolean useEma);

    /** Exact J = dg/dx at each row in float64, by this network's preferred mode. */
    Mat[] jacobian(Mat x, Conditioning c, boolean useEma);

    /** J by batched reverse mode (replicated batch, grad_outputs = I), float64. */
    Mat[] jacobianReverse(Mat x, Conditioning c, boolean useEma);

    /** Row i = J(x_i) v_i (Jacobian-vector product, {@code v} shaped like x), exact, float64. */
    Mat jvp(Mat x, Mat v, Conditioning c, boolean useEma);

    /** Row i = J(x_i)^T u_i (vector-Jacobian product, {@code u} shaped like x), exact, float64. */
    Mat vjp(Mat x, Mat u, Conditioning c, boolean useEma);

    /**
     * One Adam step on L = (1/B) sum_i w_i (1/D) |lossScale_i g(x_i) + target_i|^2, then the EMA update
     * ema = decay ema + (1 - decay) theta. Returns L before the step; if L is not finite nothing is updated.
     */
    double trainStep(Mat x, Conditioning c, double[] lossScale, Mat target, double[] weight,
                     double lr, AdamConfig adam, double emaDecay);

    /** All state as flat float32 vectors: "param", "ema", "adam_m", "adam_v". */
    Map<String, ParamArray> state();

    /** Restores state written by {@link #state()}; the sizes must match this network's. */
    void load(Map<String, ParamArray> state, long adamSteps);

    /** Just the weights a frozen model needs ("param" and "ema"). */
    void loadWeights(Map<String, ParamArray> state);
}
