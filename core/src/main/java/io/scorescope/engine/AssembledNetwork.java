package io.scorescope.engine;

import io.scorescope.math.Mat;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What {@link ScoreMlp} and {@link ScoreUnet} share: the flat parameters with Adam and EMA ({@link FlatParameters}),
 * the score assembled from the network's F by a {@link Conditioning}, and everything computed from that score alone:
 * evaluation in float32 or float64, the reverse-mode product J^T u, the training step and the state. A subclass
 * supplies {@link #scoreTensor}: g = a x + b F(cIn x, f) for vector output, g = a x - b cIn grad_u F for an energy.
 */
abstract class AssembledNetwork implements ScoreNetwork {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    protected final int featureDim;
    protected final Output output;
    protected final FlatParameters params;

    protected AssembledNetwork(int featureDim, Output output, FlatParameters params) {
        this.featureDim = featureDim;
        this.output = output;
        this.params = params;
    }

    /** g(x) as a tensor for the given weights; for the energy it differentiates F, with a graph when {@code createGraph}. */
    protected abstract Tensor scoreTensor(Tensor x, CoeffTensors k, List<Tensor> w, boolean createGraph);

    public int featureDim() { return featureDim; }
    public Output output() { return output; }
    @Override public long parameterCount() { return params.count(); }
    @Override public long adamSteps() { return params.adamSteps(); }

    @Override public Mat score(Mat x, Conditioning c, boolean useEma) { return score(x, c, useEma, torch.ScalarType.Float); }

    /** g at each row of x with a float64 forward pass (the reference for finite-difference checks). */
    @Override public Mat scoreFloat64(Mat x, Conditioning c, boolean useEma) { return score(x, c, useEma, torch.ScalarType.Double); }

    private Mat score(Mat x, Conditioning c, boolean useEma, torch.ScalarType type) {
        check(x, c);
        boolean f64 = type == torch.ScalarType.Double;
        try (Engine.Scope s = Engine.scope()) {
            Tensor xt = f64 ? Tensors.float64(x) : Tensors.float32(x);
            List<Tensor> w = f64 ? params.float64(useEma) : params.float32(useEma);
            if (output == Output.ENERGY) return Tensors.toMat(scoreTensor(xt, CoeffTensors.of(c, type), w, false));
            try (NoGradGuard g = new NoGradGuard()) {
                return Tensors.toMat(scoreTensor(xt, CoeffTensors.of(c, type), w, false));
            }
        }
    }

    /**
     * Exact J(x_i)^T u_i in float64 by reverse mode: one backward pass of sum_i g(x_i) . u_i with respect to x
     * (for the energy a double backward through grad F).
     */
    @Override public Mat vjp(Mat x, Mat u, Conditioning c, boolean useEma) {
        check(x, c, u);
        try (Engine.Scope s = Engine.scope()) {
            Tensor xt = Tensors.float64(x).detach();
            xt.set_requires_grad(true);
            Tensor g = scoreTensor(xt, CoeffTensors.of(c, torch.ScalarType.Double), params.float64(useEma), true);
            return Tensors.toMat(Autograd.vjp(g, xt, Tensors.float64(u)));
        }
    }

    /**
     * One Adam step on the weighted denoising loss
     * L = (1/B) sum_i w_i (1/D) |lossScale_i g(x_i) + target_i|^2
     * (with lossScale = sigma and target = eps this is the sigma^2-weighted DSM loss), then the EMA update
     * ema = decay ema + (1 - decay) theta. Returns L before the step; if L is not finite nothing is updated.
     */
    @Override public double trainStep(Mat x, Conditioning c, double[] lossScale, Mat target, double[] weight,
                                      double lr, AdamConfig adam, double emaDecay) {
        check(x, c);
        try (Engine.Scope s = Engine.scope()) {
            Tensor g = scoreTensor(Tensors.float32(x), CoeffTensors.of(c, torch.ScalarType.Float), params.float32(false), true);
            return params.minimise(FlatParameters.weightedLoss(g, lossScale, target, weight), lr, adam, emaDecay);
        }
    }

    /** Flat float32 vectors "param", "ema", "adam_m", "adam_v", in the network's parameter order. */
    @Override public Map<String, ParamArray> state() { return params.state(); }
    @Override public void load(Map<String, ParamArray> state, long adamSteps) { params.load(state, adamSteps); }
    @Override public void loadWeights(Map<String, ParamArray> state) { params.loadWeights(state); }

    /** Rejects points, conditioning and tangent (or cotangent) vectors that do not fit this network. */
    protected final void check(Mat x, Conditioning c, Mat vectors) {
        check(x, c);
        if (vectors.rows() != x.rows() || vectors.cols() != dim())
            throw new IllegalArgumentException("vectors " + vectors.shape() + " do not match points " + x.shape());
    }

    protected final void check(Mat x, Conditioning c) {
        if (x.cols() != dim()) throw new IllegalArgumentException("points have dimension " + x.cols() + ", network expects " + dim());
        if (c.rows() != x.rows()) throw new IllegalArgumentException("conditioning rows " + c.rows() + " != points " + x.rows());
        if (c.features().cols() != featureDim) throw new IllegalArgumentException("feature dimension mismatch");
    }
}
