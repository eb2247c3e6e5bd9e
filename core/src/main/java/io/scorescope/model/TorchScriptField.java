package io.scorescope.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.engine.ScriptModule;
import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * A score field backed by a TorchScript module {@code forward(x, sigma)} trained elsewhere (see
 * docs/torchscript.md). The module's output F is declared by its {@link Kind}; with the {@link NoiseFrame}
 * (y = s x, noise argument c) the VE score and its exact Jacobian are
 * <pre>
 *   score:    g = s F(y, c)                  J = s^2 J_F
 *   eps:      g = -F(y, c) / sigma            J = -(s / sigma) J_F
 *   denoiser: g = (F(y, c) - x) / sigma^2     J = (s J_F - I) / sigma^2
 *   energy:   g = -s grad_y E(y, c)           J = -s^2 H_E          (symmetric)
 * </pre>
 * (F in the model's frame: score of p_t at x_t, the noise eps, the clean-data estimate, or the energy.)
 * J_F and H_E come from the engine's batched reverse mode, so Jacobians are exact.
 */
public final class TorchScriptField implements ScoreField {
    /** The meaning of the module's output. */
    public enum Kind {
        SCORE, EPS, DENOISER, ENERGY;

        public String cliName() { return name().toLowerCase(Locale.ROOT); }

        public static Kind byName(String name) {
            for (Kind k : values()) if (k.cliName().equals(name)) return k;
            throw new InputException("unknown TorchScript output '" + name + "'; expected one of " + names());
        }

        static boolean isName(String s) { return Arrays.stream(values()).anyMatch(k -> k.cliName().equals(s)); }

        static String names() { return Arrays.stream(values()).map(Kind::cliName).toList().toString(); }
    }

    /** Spec syntax, for help texts. */
    public static final String SYNTAX = "torchscript:PATH[:score|eps|denoiser|energy][:ve|vp|vp=BMIN,BMAX][:dim=D|:shape=C,H,W]";
    /** The format tag of the metadata {@code scorescope export} stores in the archive. */
    public static final String FORMAT = "scorescope-torchscript/1";

    private final ScriptModule module;
    private final Kind kind;
    private final NoiseFrame frame;

    private TorchScriptField(ScriptModule module, Kind kind, NoiseFrame frame) {
        this.module = module;
        this.kind = kind;
        this.frame = frame;
    }

    /**
     * Loads and probes a module. {@code kind} and {@code shape} may be null: they are then read from the
     * archive's Scorescope metadata (written by {@code scorescope export}); without metadata the kind defaults to
     * score and the shape must be given.
     */
    public static TorchScriptField load(Path file, Kind kind, NoiseFrame frame, int[] shape) {
        ScriptModule raw = ScriptModule.load(file);
        JsonNode meta = raw.metadata().map(t -> parseMetadata(file, t)).orElse(null);
        if (meta != null && meta.hasNonNull("output")) {
            Kind declared = Kind.byName(meta.get("output").asText());
            if (kind != null && kind != declared)
                throw new InputException(file + ": the module declares output '" + declared.cliName() + "', not '" + kind.cliName() + "'");
            kind = declared;
        }
        if (shape == null && meta != null && meta.has("shape") && meta.get("shape").isArray()) {
            JsonNode s = meta.get("shape");
            shape = new int[s.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = s.get(i).asInt();
        }
        if (shape == null)
            throw new InputException(file + ": the input shape is unknown; add :dim=D (or :shape=C,H,W) to the field spec");
        Kind k = kind == null ? Kind.SCORE : kind;
        return new TorchScriptField(raw.bind(shape, k == Kind.ENERGY ? ScriptModule.Output.SCALAR : ScriptModule.Output.VECTOR), k, frame);
    }

    /** {@code torchscript:} spec text after the prefix, VE frame only (see {@link #fromSpec(String, Function)}). */
    public static TorchScriptField fromSpec(String rest) { return fromSpec(rest, t -> null); }

    /**
     * Parses {@value #SYNTAX} (without the prefix). Options follow the path, separated by ':', in any order;
     * {@code frames} resolves frame options other than {@code ve} (returning null for unknown text).
     */
    public static TorchScriptField fromSpec(String rest, Function<String, NoiseFrame> frames) {
        String path = rest.strip();
        Kind kind = null;
        NoiseFrame frame = null;
        int[] shape = null;
        while (true) {
            int colon = path.lastIndexOf(':');
            if (colon < 0) break;
            String opt = path.substring(colon + 1).strip();
            NoiseFrame f;
            if (Kind.isName(opt)) {
                if (kind != null) throw bad(rest, "output given twice");
                kind = Kind.byName(opt);
            } else if (opt.startsWith("dim=") || opt.startsWith("shape=")) {
                if (shape != null) throw bad(rest, "shape given twice");
                shape = sizes(rest, opt.substring(opt.indexOf('=') + 1), opt.startsWith("dim="));
            } else if (opt.equals("ve") || (f = frames.apply(opt)) != null) {
                if (frame != null) throw bad(rest, "noise frame given twice");
                frame = opt.equals("ve") ? NoiseFrame.VE : frames.apply(opt);
            } else {
                break;   // part of the path
            }
            path = path.substring(0, colon);
        }
        if (path.isBlank()) throw bad(rest, "missing file path; expected " + SYNTAX);
        return load(Path.of(path), kind, frame == null ? NoiseFrame.VE : frame, shape);
    }

    public Kind kind() { return kind; }

    public NoiseFrame frame() { return frame; }

    /** The TorchScript archive. */
    public Path file() { return module.file(); }

    /** The module's input shape per point. */
    public int[] pointShape() { return module.pointShape(); }

    @Override public int dim() { return module.dim(); }

    @Override
    public Mat score(Mat x, double[] sigma) {
        int n = x.rows(), d = dim();
        double[] s = new double[n];
        Mat y = scaled(x, sigma, s);
        Mat f = kind == Kind.ENERGY ? module.gradient(y, arguments(sigma)) : module.forward(y, arguments(sigma));
        Mat g = new Mat(n, d);
        for (int i = 0; i < n; i++) {
            double alpha = alpha(sigma[i], s[i]), beta = beta(sigma[i]);
            for (int j = 0; j < d; j++) g.set(i, j, alpha * f.get(i, j) + beta * x.get(i, j));
        }
        return g;
    }

    /** Exact J = alpha s J_F + beta I (alpha, beta per kind, see the class comment). */
    @Override
    public Mat[] jacobian(Mat x, double[] sigma) {
        int n = x.rows(), d = dim();
        double[] s = new double[n];
        Mat[] jf = module.jacobian(scaled(x, sigma, s), arguments(sigma));
        Mat[] out = new Mat[n];
        for (int i = 0; i < n; i++) {
            Mat j = jf[i].scale(alpha(sigma[i], s[i]) * s[i]);
            double beta = beta(sigma[i]);
            for (int k = 0; k < d; k++) j.add(k, k, beta);
            out[i] = j;
        }
        return out;
    }

    @Override
    public String describe() {
        return "torchscript(" + module.file().getFileName() + ", output=" + kind.cliName() + ", frame=" + frame.describe()
                + ", shape=" + Arrays.toString(pointShape()) + ", " + module.precision() + ")";
    }

    // ---------------------------------------------------------------- internals

    private double alpha(double sigma, double s) {
        return switch (kind) {
            case SCORE -> s;
            case EPS -> -1 / sigma;
            case DENOISER -> 1 / (sigma * sigma);
            case ENERGY -> -s;
        };
    }

    private double beta(double sigma) { return kind == Kind.DENOISER ? -1 / (sigma * sigma) : 0; }

    /** y = s(sigma) x row by row; fills s. */
    private Mat scaled(Mat x, double[] sigma, double[] s) {
        if (x.cols() != dim()) throw new IllegalArgumentException("points have dimension " + x.cols() + ", field has " + dim());
        if (sigma.length != x.rows()) throw new IllegalArgumentException("noise levels " + sigma.length + " != points " + x.rows());
        Mat y = x.copy();
        for (int i = 0; i < x.rows(); i++) {
            if (!(sigma[i] > 0)) throw new IllegalArgumentException("sigma must be positive, got " + sigma[i]);
            s[i] = frame.scale(sigma[i]);
            if (s[i] != 1) for (int j = 0; j < x.cols(); j++) y.set(i, j, s[i] * x.get(i, j));
        }
        return y;
    }

    private double[] arguments(double[] sigma) {
        double[] c = new double[sigma.length];
        for (int i = 0; i < c.length; i++) c[i] = frame.argument(sigma[i]);
        return c;
    }

    private static JsonNode parseMetadata(Path file, String text) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (!n.isObject()) throw new InputException(file + ": Scorescope metadata is not a JSON object");
            return n;
        } catch (IOException e) {
            throw new InputException(file + ": unreadable Scorescope metadata (not valid JSON)", e);
        }
    }

    private static int[] sizes(String spec, String list, boolean single) {
        String[] parts = list.split(",", -1);
        if (single && parts.length != 1) throw bad(spec, "dim= takes one number (use shape=C,H,W for images)");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw bad(spec, "size '" + parts[i].strip() + "' is not an integer");
            }
            if (out[i] < 1) throw bad(spec, "sizes must be >= 1, got " + out[i]);
        }
        return out;
    }

    private static InputException bad(String rest, String problem) {
        return new InputException("field spec 'torchscript:" + rest + "': " + problem);
    }
}
