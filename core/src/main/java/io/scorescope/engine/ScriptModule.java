package io.scorescope.engine;

import io.scorescope.io.AtomicFiles;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.ExtraFilesMap;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A TorchScript module {@code forward(x, noise) -> Tensor} loaded with libtorch's own loader
 * ({@code torch::jit::load}; no Python), with x of shape [B, *pointShape] (e.g. [B, D] or [B, C, H, W]) and
 * noise of shape [B]. Points are handled as flat rows of a {@link Mat} (D = prod(pointShape)).
 * Two output kinds:
 * <ul>
 *   <li>{@link Output#VECTOR}: a tensor of the same shape as x, F(x); {@link #jacobian} is dF/dx;</li>
 *   <li>{@link Output#SCALAR}: one number per point, [B] or [B, 1], E(x); {@link #gradient} is grad_x E and
 *       {@link #jacobian} its Hessian.</li>
 * </ul>
 * <b>Precision.</b> A module is first converted to float64 ({@code Module::to(kDouble)}: float32 weights are
 * cast exactly, so the function is the same and Jacobians are float64-accurate). If the float64 probe fails
 * (e.g. the module creates float32 tensors internally) it runs in its own parameter dtype, inputs are cast to it,
 * and results carry that dtype's round-off; {@link #precision()} says which.
 * <b>Jacobians</b> are exact, by batched reverse mode: each point is replicated D times and one backward pass
 * with grad_outputs = I gives all D rows (for the energy, a double backward of grad_x E).
 * <b>Checks at load</b> ({@link #bind}): a probe call with B = 2 points of the declared shape must return a
 * tensor of the expected shape; every failure is one {@link InputException} line naming what was expected.
 */
public final class ScriptModule {
    static { NativeCache.load(); }   // before any JavaCPP class: one unpacking per cache (NativeCache)

    /** The name of the JSON metadata entry Scorescope stores in (and reads from) a TorchScript archive. */
    public static final String METADATA = "scorescope.json";
    /** Most replicated rows per reverse-mode batch. */
    private static final long MAX_ROWS = 8192;

    /** What forward returns. */
    public enum Output { VECTOR, SCALAR }

    private final Path file;
    private final JitModule module;
    private final String metadata;
    private final long[] pointShape;   // null until bound
    private final Output output;
    private final torch.ScalarType dtype;

    private ScriptModule(Path file, JitModule module, String metadata, long[] pointShape, Output output, torch.ScalarType dtype) {
        this.file = file;
        this.module = module;
        this.metadata = metadata;
        this.pointShape = pointShape;
        this.output = output;
        this.dtype = dtype;
    }

    // ---------------------------------------------------------------- loading

    /** Loads a TorchScript archive (not yet checked against a signature: see {@link #bind}). */
    public static ScriptModule load(Path file) {
        Engine.init();
        if (!Files.isRegularFile(file)) throw new InputException("no TorchScript file at " + file);
        JitModule m;
        ExtraFilesMap extra = new ExtraFilesMap();
        extra.put(new BytePointer(METADATA), "");
        try {
            m = torch.load(file.toString(), new DeviceOptional(Engine.device()), extra);
        } catch (RuntimeException e) {
            throw new InputException(file + ": not a TorchScript archive that libtorch can load (" + firstLine(e) + ")"
                    + "; expected a file written by torch.jit.save or 'scorescope export'", e);
        }
        m.retainReference();
        m.eval();
        BytePointer meta = extra.get(new BytePointer(METADATA));
        String text = meta == null || meta.isNull() ? "" : meta.getString();
        return new ScriptModule(file, m, text.isBlank() ? null : text, null, null, null);
    }

    /** The JSON text stored under {@value #METADATA} in the archive, if any. */
    public Optional<String> metadata() { return Optional.ofNullable(metadata); }

    /**
     * This module checked against a signature: a probe call with B = 2 points of shape {@code pointShape} and
     * noise [1, 0.5] must return the {@code output} kind's shape with finite values; float64 is tried first.
     */
    public ScriptModule bind(int[] pointShape, Output output) {
        if (pointShape.length == 0 || Arrays.stream(pointShape).anyMatch(s -> s < 1))
            throw new InputException(file + ": point shape " + Arrays.toString(pointShape) + " must have positive sizes");
        long[] shape = Arrays.stream(pointShape).asLongStream().toArray();
        torch.ScalarType own = parameterType(module);
        JitModule asDouble = module.clone();
        asDouble.retainReference();
        asDouble.to(torch.ScalarType.Double);
        ScriptModule f64 = new ScriptModule(file, asDouble, metadata, shape, output, torch.ScalarType.Double);
        String failure = f64.probe();
        if (failure == null) return f64;
        asDouble.releaseReference();
        if (own != torch.ScalarType.Double) {
            ScriptModule native_ = new ScriptModule(file, module, metadata, shape, output, own);
            if (native_.probe() == null) return native_;
        }
        throw new InputException(file + ": " + failure);
    }

    /** Null when the probe passes, else what went wrong (one line). */
    private String probe() {
        int d = dim();
        Mat x = new Mat(2, d);
        for (int i = 0; i < 2; i++) for (int j = 0; j < d; j++) x.set(i, j, 0.5 * Math.sin(1.0 + j + 0.7 * i));
        double[] noise = {1.0, 0.5};
        String call = "forward(x, sigma) with x of shape " + shapeText(2) + " (" + precision() + ") and sigma of shape [2]";
        String expected = output == Output.VECTOR ? "a tensor of shape " + shapeText(2) + " (the shape of x)"
                : "one value per point, shape [2] or [2, 1]";
        try (Engine.Scope s = Engine.scope()) {
            IValue r = module.forward(new IValueVector(new IValue(xTensor(x)), new IValue(Tensors.float64(noise).to(dtype))));
            if (!r.isTensor()) return call + " did not return a tensor; expected " + expected;
            Tensor t = r.toTensor();
            long[] got = new long[(int) t.dim()];
            for (int i = 0; i < got.length; i++) got[i] = t.size(i);
            boolean ok = output == Output.VECTOR ? Arrays.equals(got, batchShape(2))
                    : Arrays.equals(got, new long[] {2}) || Arrays.equals(got, new long[] {2, 1});
            if (!ok) return call + " returned shape " + Arrays.toString(got) + "; expected " + expected;
            if (!t.is_floating_point()) return call + " returned a non-floating tensor; expected " + expected;
            if (!Arrays.stream(Tensors.toArray(t)).allMatch(Double::isFinite)) return call + " returned non-finite values";
            if (output == Output.SCALAR) gradient(x, noise);
            return null;
        } catch (RuntimeException e) {
            return call + " failed: " + firstLine(e) + "; expected forward(x: Tensor, sigma: Tensor) -> " + expected;
        }
    }

    // ---------------------------------------------------------------- evaluation

    public Path file() { return file; }

    public int[] pointShape() { return Arrays.stream(bound()).mapToInt(Math::toIntExact).toArray(); }

    /** D = the number of values per point. */
    public int dim() {
        long n = 1;
        for (long s : bound()) n *= s;
        return Math.toIntExact(n);
    }

    public Output output() { return output; }

    /** "float64", or "float32" when the module only runs in float32. */
    public String precision() {
        return switch (dtype) {
            case Double -> "float64";
            case Float -> "float32";
            case Half -> "float16";
            default -> dtype.toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** F(x_i, noise_i) as flat rows (vector output), or E as one column (scalar output). */
    public Mat forward(Mat x, double[] noise) {
        check(x, noise);
        Mat out = new Mat(x.rows(), output == Output.VECTOR ? dim() : 1);
        int chunk = (int) Math.max(1, MAX_ROWS);
        for (int lo = 0; lo < x.rows(); lo += chunk) {
            int hi = Math.min(x.rows(), lo + chunk);
            try (Engine.Scope s = Engine.scope()) {
                Tensor r = call(xTensor(rows(x, lo, hi)), noiseTensor(noise, lo, hi, 1));
                double[] v = Tensors.toArray(r);
                System.arraycopy(v, 0, out.data(), lo * out.cols(), v.length);
            }
        }
        return out;
    }

    /** grad_x E at each row (scalar output). */
    public Mat gradient(Mat x, double[] noise) {
        requireScalar();
        check(x, noise);
        Mat out = new Mat(x.rows(), dim());
        int chunk = (int) MAX_ROWS;
        for (int lo = 0; lo < x.rows(); lo += chunk) {
            int hi = Math.min(x.rows(), lo + chunk);
            try (Engine.Scope s = Engine.scope()) {
                Tensor xt = leaf(xTensor(rows(x, lo, hi)));
                Tensor e = call(xt, noiseTensor(noise, lo, hi, 1));
                Tensor g = torch.grad(new TensorVector(e.sum()), new TensorVector(xt), new TensorVector(),
                        new BoolOptional(false), false, false).get(0);
                double[] v = Tensors.toArray(g);
                System.arraycopy(v, 0, out.data(), lo * dim(), v.length);
            }
        }
        return out;
    }

    /**
     * Exact Jacobians by batched reverse mode: dF/dx (vector output) or the Hessian of E (scalar output),
     * D x D with row = output component, in chunks of at most {@value #MAX_ROWS} replicated rows.
     */
    public Mat[] jacobian(Mat x, double[] noise) {
        check(x, noise);
        int n = x.rows(), d = dim();
        Mat[] out = new Mat[n];
        int chunk = (int) Math.max(1, MAX_ROWS / d);
        for (int lo = 0; lo < n; lo += chunk) {
            int hi = Math.min(n, lo + chunk), m = hi - lo;
            try (Engine.Scope s = Engine.scope()) {
                Tensor xr = leaf(xTensor(rows(x, lo, hi)).repeat_interleave(d, new LongOptional(0), new LongOptional()));
                Tensor nr = noiseTensor(noise, lo, hi, d);
                Tensor y = call(xr, nr);
                if (output == Output.SCALAR)
                    y = torch.grad(new TensorVector(y.sum()), new TensorVector(xr), new TensorVector(),
                            new BoolOptional(true), true, false).get(0);
                Tensor eye = torch.eye(d).to(Engine.device(), dtype).repeat(m, 1).reshape(batchShape(m * d));
                Tensor rows = torch.grad(new TensorVector(y), new TensorVector(xr), new TensorVector(eye),
                        new BoolOptional(false), false, false).get(0);
                Mat[] js = Tensors.toMats(rows.reshape(m, d, d));
                System.arraycopy(js, 0, out, lo, m);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- building and saving

    /**
     * Compiles TorchScript {@code source} (methods with {@code self}, e.g. {@code def forward(self, x, sigma)})
     * into a module with the given float32 parameters (attribute names -> arrays), and saves it atomically to
     * {@code target} with {@code metadataJson} stored under {@value #METADATA}. A source that does not compile
     * is a programming error ({@link IllegalArgumentException}).
     */
    public static void save(Path target, String source, Map<String, ParamArray> parameters, String metadataJson) {
        Engine.init();
        Path tmp = null;
        try (Engine.Scope s = Engine.scope()) {
            JitModule m = new JitModule(new QualifiedName("__torch__.scorescope.Exported"));
            for (Map.Entry<String, ParamArray> p : parameters.entrySet()) {
                ParamArray a = p.getValue();
                Tensor t = Tensor.create(a.data(), a.data().length).reshape(a.shape()).clone();
                m.register_parameter(p.getKey(), t, false);
            }
            try {
                m.define(source);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("TorchScript source does not compile: " + e.getMessage(), e);
            }
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".pt.tmp");
            ExtraFilesMap extra = new ExtraFilesMap();
            extra.put(new BytePointer(METADATA), metadataJson);
            m.save(tmp.toString(), extra);
            Path written = tmp;
            AtomicFiles.write(target, out -> Files.copy(written, out));
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + AtomicFiles.describe(e), e);
        } finally {
            if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
        }
    }

    // ---------------------------------------------------------------- internals

    private Tensor call(Tensor x, Tensor noise) {
        IValue r = module.forward(new IValueVector(new IValue(x), new IValue(noise)));
        Tensor t = r.toTensor();
        return output == Output.SCALAR ? t.reshape(-1) : t;
    }

    private Tensor xTensor(Mat x) { return Tensors.float64(x).to(dtype).reshape(batchShape(x.rows())); }

    /** noise[lo..hi) with each value repeated r times, in the module's dtype. */
    private Tensor noiseTensor(double[] noise, int lo, int hi, int r) {
        Tensor t = Tensors.float64(Arrays.copyOfRange(noise, lo, hi)).to(dtype);
        return r == 1 ? t : t.repeat_interleave(r, new LongOptional(0), new LongOptional());
    }

    private static Tensor leaf(Tensor t) {
        Tensor l = t.detach();
        l.set_requires_grad(true);
        return l;
    }

    private long[] batchShape(long b) {
        long[] s = new long[bound().length + 1];
        s[0] = b;
        System.arraycopy(pointShape, 0, s, 1, pointShape.length);
        return s;
    }

    private String shapeText(long b) {
        return Arrays.stream(batchShape(b)).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static Mat rows(Mat x, int lo, int hi) {
        if (lo == 0 && hi == x.rows()) return x;
        double[] d = Arrays.copyOfRange(x.data(), lo * x.cols(), hi * x.cols());
        return new Mat(hi - lo, x.cols(), d);
    }

    private long[] bound() {
        if (pointShape == null) throw new IllegalStateException("module not bound to a signature; call bind(shape, output)");
        return pointShape;
    }

    private void requireScalar() {
        if (output != Output.SCALAR) throw new IllegalStateException("gradient needs a scalar (energy) output");
    }

    private void check(Mat x, double[] noise) {
        if (x.cols() != dim()) throw new IllegalArgumentException("points have dimension " + x.cols() + ", module expects " + dim());
        if (noise.length != x.rows()) throw new IllegalArgumentException("noise levels " + noise.length + " != points " + x.rows());
    }

    /** dtype of the first floating parameter or buffer (interned: JavaCPP returns a fresh constant); float64 for a module without any. */
    private static torch.ScalarType parameterType(JitModule m) {
        try (Engine.Scope s = Engine.scope()) {
            org.bytedeco.pytorch.parameter_list ps = m.parameters(true);
            for (org.bytedeco.pytorch.parameter_iterator it = ps.begin(); it.notEquals(ps.end()); it = it.increment())
                if (it.access().is_floating_point()) return it.access().scalar_type().intern();
            org.bytedeco.pytorch.buffer_list bs = m.buffers(true);
            for (org.bytedeco.pytorch.buffer_iterator it = bs.begin(); it.notEquals(bs.end()); it = it.increment())
                if (it.access().is_floating_point()) return it.access().scalar_type().intern();
        } catch (RuntimeException ignored) {
            // fall through: treat as float64
        }
        return torch.ScalarType.Double;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m != null) for (String line : m.split("\n")) if (!line.isBlank()) return line.strip();
        return "libtorch gave no reason";
    }
}
