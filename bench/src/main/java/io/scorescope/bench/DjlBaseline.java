package io.scorescope.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Conditioning;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;
import io.scorescope.model.NoiseFeatures;
import io.scorescope.model.Parameterisation;
import io.scorescope.sde.NoiseSchedule;
import io.scorescope.sde.SamplerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The baseline a Java user would write today: the same networks (the MLP, and the U-Net in {@link DjlUnet}), loss and
 * sampler against DJL 0.36 with its PyTorch engine (threads as set by {@link BenchMain}), DJL's Adam, the
 * replicated-batch Jacobian through DJL's gradient collector, and EJML's SVD. Runs in its own JVM (launched by
 * {@link BenchMain}) so that DJL's libtorch 2.7.1 never shares a process with the engine's libtorch 2.10. Prints one
 * JSON line on stdout (see {@link #main}).
 * Nothing from io.scorescope.engine that touches native code is used here.
 */
public final class DjlBaseline {
    private final Shapes.Reps reps;
    private final NDManager base = NDManager.newBaseManager(Device.cpu(), "PyTorch");

    private DjlBaseline(Shapes.Reps reps) { this.reps = reps; }

    /**
     * Run by {@link BenchMain} with -Dai.djl.pytorch.num_threads=N, -Dai.djl.pytorch.num_interop_threads=1 (read by
     * DJL's PtEngine on start-up) and OMP_NUM_THREADS = MKL_NUM_THREADS = N in the environment. Prints one JSON line:
     * the thread settings read back from DJL's libtorch, the numbers, and each row's CPU seconds per wall second.
     */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int requested = Threads.requested();
        DjlBaseline b = new DjlBaseline(Shapes.Reps.of(quick));   // starts DJL's engine, which applies the properties
        ObjectNode threads = Json.object().put("requested", requested)
                .put("torch_intra_op", JniUtils.getNumThreads()).put("torch_interop", JniUtils.getNumInteropThreads())
                .put("blas", "MKL (DJL's libtorch " + Engine.getEngine("PyTorch").getVersion() + ", OpenMP)");
        threads.set("env", Threads.env());
        ObjectNode values = Json.object(), cpu = Json.object();
        for (Shapes.Train t : Shapes.TRAIN) values.put(t.key(), Threads.row(cpu, t.key(), () -> b.train(t)));
        ObjectNode unet = Json.object(), errors = Json.object();
        try {
            values.put(Shapes.UNET.key(), Threads.row(cpu, Shapes.UNET.key(), () -> b.trainUnet(Shapes.UNET, unet)));
        } catch (RuntimeException e) {
            errors.put(Shapes.UNET.key(), "baseline: " + e);
        }
        threads.put("torch_intra_op_unet", JniUtils.getNumThreads());
        for (Shapes.Jac j : Shapes.JAC) values.put(j.key(), Threads.row(cpu, j.key(), () -> b.jacobianSvd(j)));
        for (Shapes.Sampling s : Shapes.SAMPLING) values.put(s.key(), Threads.row(cpu, s.key(), () -> b.sampling(s)));
        threads.put("torch_intra_op_after", JniUtils.getNumThreads());
        Threads.emit(threads, values, cpu, unet, errors, null);
        b.base.close();
    }

    /** The MLP F(u, f) with SiLU, weights initialised like the engine's (He-uniform, last layer x 0.1). */
    private final class Net implements Model {
        final List<NDArray> w = new ArrayList<>();
        final int dim;

        Net(int dim, int hidden, DataType type, boolean trainable) {
            this.dim = dim;
            Rng rng = new Rng(7);
            int in = dim + new NoiseFeatures(Shapes.FREQUENCIES).dim();
            for (int l = 0; l <= Shapes.DEPTH; l++) {
                int out = l == Shapes.DEPTH ? dim : hidden;
                double bound = Math.sqrt(6.0 / in) * (l == Shapes.DEPTH ? 0.1 : 1.0);
                float[] v = new float[in * out];
                for (int i = 0; i < v.length; i++) v[i] = (float) rng.uniform(-bound, bound);
                w.add(base.create(v, new Shape(in, out)).toType(type, false));
                w.add(base.zeros(new Shape(out), type));
                in = hidden;
            }
            if (trainable) for (NDArray p : w) p.setRequiresGradient(true);
        }

        @Override public List<NDArray> parameters() { return w; }

        @Override public NDArray score(NDArray x, Inputs c) {
            NDArray h = x.mul(c.cIn).concat(c.feats, 1);
            for (int l = 0; l < Shapes.DEPTH; l++) h = Activation.swish(h.matMul(w.get(2 * l)).add(w.get(2 * l + 1)), 1f);
            NDArray f = h.matMul(w.get(2 * Shapes.DEPTH)).add(w.get(2 * Shapes.DEPTH + 1));
            return x.mul(c.a).add(f.mul(c.b));
        }

        @Override public void close() { w.forEach(NDArray::close); }
    }

    /** Conditioning coefficients as arrays on a manager. */
    record Inputs(NDArray a, NDArray b, NDArray cIn, NDArray feats) {
        static Inputs of(NDManager m, double[] sigma, DataType type) {
            Conditioning c = Parameterisation.EPS.conditioning(sigma, Shapes.SIGMA_DATA, new NoiseFeatures(Shapes.FREQUENCIES));
            int n = sigma.length;
            return new Inputs(col(m, c.a(), type), col(m, c.b(), type), col(m, c.cIn(), type),
                    m.create(c.features().data(), new Shape(n, c.features().cols())).toType(type, false));
        }

        private static NDArray col(NDManager m, double[] v, DataType type) {
            return m.create(v, new Shape(v.length, 1)).toType(type, false);
        }
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    /** Samples per second of a DSM step of the MLP. */
    double train(Shapes.Train t) {
        try (Net net = new Net(t.dim(), t.hidden(), DataType.FLOAT32, true)) {
            return t.batch() / trainSteps(net, Shapes.Batch.draw(t.batch(), t.dim(), 2), false).seconds();
        }
    }

    /** Samples per second of a DSM step of the U-Net ({@link DjlUnet}); its parameter count and losses go into report. */
    double trainUnet(Shapes.Unet u, ObjectNode report) {
        try (DjlUnet net = new DjlUnet(base, u)) {
            report.put("params", net.parameterCount());
            Steps s = trainSteps(net, Shapes.Batch.draw(u.batch(), u.dim(), 2), true);
            report.put("first_loss", s.firstLoss()).put("last_loss", s.lastLoss());
            return u.batch() / s.seconds();
        }
    }

    /** A network {@link #trainSteps} can drive: its trainable tensors (in a fixed order) and its score. */
    interface Model extends AutoCloseable {
        List<NDArray> parameters();
        /** g = a x + b F(cIn x, f) for per-row coefficients (arrays of shape [n, 1]). */
        NDArray score(NDArray x, Inputs c);
        @Override void close();
    }

    /** Median seconds of one step, and the losses of the first and the last step (same batch every step). */
    record Steps(double seconds, double firstLoss, double lastLoss) {}

    /**
     * DSM steps on one batch: forward, the loss (1/B) sum_i w_i (1/D) |sigma_i g_i + eps_i|^2, backward through DJL's
     * gradient collector, DJL's Adam on every parameter tensor (lr 1e-4), EMA (decay 0.999); median seconds per step.
     */
    Steps trainSteps(Model net, Shapes.Batch b, boolean heavy) {
        int n = b.x().rows(), dim = b.x().cols();
        float[] xf = floats(b.x().data()), ef = floats(b.eps().data()), sf = floats(b.sigma()), wf = floats(b.weight());
        List<NDArray> params = net.parameters();
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
        List<NDArray> ema = new ArrayList<>();
        for (NDArray p : params) ema.add(p.duplicate().stopGradient());
        float[] firstLast = {Float.NaN, Float.NaN};   // the same batch every step: the loss must fall
        double sec = reps.median(heavy, () -> {
            try (NDManager step = base.newSubManager()) {
                NDArray x = step.create(xf, new Shape(n, dim));
                NDArray eps = step.create(ef, new Shape(n, dim));
                NDArray sigma = step.create(sf, new Shape(n, 1));
                NDArray weight = step.create(wf, new Shape(n));
                Inputs c = Inputs.of(step, b.sigma(), DataType.FLOAT32);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray g = net.score(x, c);
                    NDArray loss = g.mul(sigma).add(eps).square().mean(new int[] {1}).mul(weight).mean();
                    float value = loss.getFloat();
                    if (!Float.isFinite(value)) throw new IllegalStateException("baseline diverged");
                    if (Float.isNaN(firstLast[0])) firstLast[0] = value;
                    firstLast[1] = value;
                    gc.backward(loss);
                }
                for (int i = 0; i < params.size(); i++) {
                    NDArray p = params.get(i);
                    NDArray grad = p.getGradient();
                    adam.update("p" + i, p, grad);
                    grad.subi(grad);
                    NDArray scaled = p.mul(1 - 0.999f);
                    ema.get(i).muli(0.999f).addi(scaled);
                    scaled.close();
                    grad.close();
                }
            }
        });
        ema.forEach(NDArray::close);
        if (!(firstLast[1] < firstLast[0]))
            System.err.println("scorescope-bench: warning: the DJL training step did not lower the loss (" + firstLast[0] + " -> " + firstLast[1] + ")");
        return new Steps(sec, firstLast[0], firstLast[1]);
    }

    /** Seconds per point: replicated-batch Jacobian (float64, grad of sum(g * I)) then EJML's full SVD. */
    double jacobianSvd(Shapes.Jac j) {
        int d = j.dim(), n = j.points();
        Mat x = new Rng(4).gaussian(n, d);
        double[] rep = new double[n * d * d], eye = new double[n * d * d], sigma = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int r = 0; r < d; r++) {
                System.arraycopy(x.data(), i * d, rep, (i * d + r) * d, d);
                eye[(i * d + r) * d + r] = 1;
            }
        Arrays.fill(sigma, 0.1);
        try (Net net = new Net(d, j.hidden(), DataType.FLOAT64, false)) {
            double sec = reps.median(d > 100, () -> {
                double[] rows;
                try (NDManager step = base.newSubManager()) {
                    NDArray xr = step.create(rep, new Shape(n * d, d));
                    xr.setRequiresGradient(true);
                    NDArray id = step.create(eye, new Shape(n * d, d));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(net.score(xr, Inputs.of(step, sigma, DataType.FLOAT64)).mul(id).sum());
                    }
                    rows = xr.getGradient().toDoubleArray();
                }
                for (int i = 0; i < n; i++) {
                    DMatrixRMaj jac = new DMatrixRMaj(d, d);
                    System.arraycopy(rows, i * d * d, jac.data, 0, d * d);
                    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, true, true, true);
                    if (!svd.decompose(jac)) throw new IllegalStateException("EJML SVD failed");
                }
            });
            return sec / n;
        }
    }

    /** Network evaluations per second of the VE reverse SDE (Euler-Maruyama, geometric schedule). */
    double sampling(Shapes.Sampling s) {
        NoiseSchedule schedule = SamplerConfig.defaults().withSchedule("geometric", s.steps()).noiseSchedule();
        float[] prior = floats(new Rng(6).gaussian(s.chains(), s.dim()).scale(schedule.sigma(0)).data());
        try (Net net = new Net(s.dim(), s.hidden(), DataType.FLOAT32, false)) {
            double sec = reps.median(true, () -> {
                try (NDManager run = base.newSubManager()) {
                    NDArray x = run.create(prior, new Shape(s.chains(), s.dim()));
                    for (int k = 0; k < s.steps(); k++) {
                        try (NDManager step = run.newSubManager()) {
                            double sig = schedule.sigma(k), next = schedule.sigma(k + 1), dv = sig * sig - next * next;
                            double[] sigmas = new double[s.chains()];
                            Arrays.fill(sigmas, sig);
                            NDArray g = net.score(x, Inputs.of(step, sigmas, DataType.FLOAT32));
                            NDArray z = step.randomNormal(new Shape(s.chains(), s.dim()));
                            NDArray nx = x.add(g.mul((float) dv)).add(z.mul((float) Math.sqrt(dv)));
                            nx.attach(run);
                            x = nx;
                        }
                    }
                    x.toFloatArray();
                }
            });
            return (double) s.chains() * s.steps() / sec;
        }
    }
}
