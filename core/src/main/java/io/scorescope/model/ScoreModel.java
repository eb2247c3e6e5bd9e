package io.scorescope.model;

import io.scorescope.engine.Conditioning;
import io.scorescope.engine.ParamArray;
import io.scorescope.engine.ScoreMlp;
import io.scorescope.engine.ScoreNetwork;
import io.scorescope.engine.ScoreUnet;
import io.scorescope.field.ScoreField;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import java.util.Map;

/**
 * A trained (or training) score network as a {@link ScoreField}: g_sigma(x) assembled from the network
 * (MLP or U-Net, see {@link Architecture}) by its {@link Parameterisation}. Evaluation uses the EMA weights
 * unless {@link #live()} is asked for. Jacobians are exact: forward mode through the layers for MLP vector
 * outputs, batched reverse mode for the energy and the U-Net.
 */
public final class ScoreModel implements ScoreField {
    private final ModelSpec spec;
    private final ScoreNetwork net;
    private final boolean useEma;

    private ScoreModel(ModelSpec spec, ScoreNetwork net, boolean useEma) {
        this.spec = spec;
        this.net = net;
        this.useEma = useEma;
    }

    /** A new network with weights drawn from the seed. */
    public static ScoreModel create(ModelSpec spec, long seed) {
        Architecture a = spec.architecture();
        ScoreNetwork net = a.kind() == Architecture.Kind.UNET
                ? ScoreUnet.create(new ScoreUnet.Shape(a.channels(), a.height(), a.width(), spec.hidden(), a.bottleneck()), spec.features().dim(),
                        spec.parameterisation().output(), new Rng(seed).split(0x1417))
                : ScoreMlp.create(spec.dim(), spec.features().dim(), spec.hidden(), spec.depth(),
                        spec.parameterisation().output(), new Rng(seed).split(0x1417));
        return new ScoreModel(spec, net, true);
    }

    /** Trainable scalars of the network a spec describes, computed without building it. */
    public static long parameterCount(ModelSpec spec) {
        Architecture a = spec.architecture();
        return a.kind() == Architecture.Kind.UNET
                ? ScoreUnet.parameterCount(new ScoreUnet.Shape(a.channels(), a.height(), a.width(), spec.hidden(), a.bottleneck()), spec.features().dim())
                : ScoreMlp.parameterCount(spec.dim(), spec.features().dim(), spec.hidden(), spec.depth(), spec.parameterisation().output());
    }

    /** A network with the given weights ("param.i", "ema.i"). */
    public static ScoreModel withWeights(ModelSpec spec, Map<String, ParamArray> weights) {
        ScoreModel m = create(spec, 0);
        m.net.loadWeights(weights);
        return m;
    }

    /** The same network evaluated with its live (non-averaged) weights. */
    public ScoreModel live() { return new ScoreModel(spec, net, false); }

    public ModelSpec spec() { return spec; }

    /** The weights this model evaluates with (EMA or live), layer by layer ({@link ScoreMlp#layerWeights}). */
    public Map<String, ParamArray> weights() {
        if (!(net instanceof ScoreMlp mlp)) throw new io.scorescope.io.InputException("export supports MLP models only (this one is " + describe() + ")");
        return mlp.layerWeights(useEma);
    }

    /** True when evaluated with the EMA weights. */
    public boolean usesEma() { return useEma; }

    /** The engine network (for training and checkpoints). */
    public ScoreNetwork network() { return net; }

    public Conditioning conditioning(double[] sigma) {
        return spec.parameterisation().conditioning(sigma, spec.sigmaData(), spec.features());
    }

    @Override public int dim() { return spec.dim(); }

    @Override public Mat score(Mat x, double[] sigma) { return net.score(x, conditioning(sigma), useEma); }

    /** Exact Jacobian (float64): forward mode for vector outputs, reverse mode (Hessian of E) for energy. */
    @Override public Mat[] jacobian(Mat x, double[] sigma) { return net.jacobian(x, conditioning(sigma), useEma); }

    /** Exact J(x_i) v_i (float64) from the network: forward mode for MLP vector outputs, autograd otherwise. */
    @Override public Mat jvp(Mat x, double[] sigma, Mat v) { return net.jvp(x, v, conditioning(sigma), useEma); }

    /** Exact J(x_i)^T u_i (float64) by one reverse-mode pass through the network. */
    @Override public Mat vjp(Mat x, double[] sigma, Mat u) { return net.vjp(x, u, conditioning(sigma), useEma); }

    /** The score evaluated in float64 (a double copy of the weights): the reference for finite-difference checks. */
    public Mat scoreFloat64(Mat x, double[] sigma) { return net.scoreFloat64(x, conditioning(sigma), useEma); }

    /** Batched reverse-mode Jacobian (replicated batch, grad_outputs = I), for any parameterisation. */
    public Mat[] jacobianReverse(Mat x, double[] sigma) { return net.jacobianReverse(x, conditioning(sigma), useEma); }

    /** E_sigma(x) for an energy model (g = -grad E, up to a sigma-dependent constant). */
    public double[] energy(Mat x, double[] sigma) {
        if (!(net instanceof ScoreMlp mlp)) throw new IllegalStateException("not an energy network");
        return mlp.energy(x, conditioning(sigma), useEma);
    }

    @Override public String describe() {
        if (spec.architecture().kind() == Architecture.Kind.UNET)
            return "unet(" + spec.architecture().channels() + "x" + spec.architecture().height() + "x" + spec.architecture().width()
                    + ", base " + spec.hidden() + (spec.architecture().bottleneck() > 1 ? ", " + spec.architecture().bottleneck() + " bottleneck blocks" : "") + ", " + spec.parameterisation().cliName() + ", sigma_data=" + spec.sigmaData()
                    + (useEma ? ", ema" : ", live") + ")";
        return "mlp(" + spec.depth() + "x" + spec.hidden() + ", " + spec.parameterisation().cliName()
                + ", sigma_data=" + spec.sigmaData() + (useEma ? ", ema" : ", live") + ")";
    }
}
