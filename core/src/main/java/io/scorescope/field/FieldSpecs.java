package io.scorescope.field;

import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the analytic field specs accepted on the command line. Built-in syntax (numbers finite,
 * variances positive):
 * <ul>
 *   <li>{@code gaussian:V1,...,VD} — N(0, diag(V)) in R^D;</li>
 *   <li>{@code rotating-gaussian:V1,...,VD:OMEGA} — that Gaussian's score plus the rotation
 *       omega (e1 e2^T - e2 e1^T) x (D >= 2);</li>
 *   <li>{@code mixture:W@M1,...,MD@V/W@M1,...,MD@V/...} — components separated by '/', each a weight W
 *       (positive; weights are normalised), a mean, and either one variance (isotropic) or D variances
 *       (diagonal), e.g. {@code mixture:0.5@-2,0@0.25/0.5@2,0@0.25}.</li>
 * </ul>
 * Callers register further prefixes (e.g. {@code manifold:} and {@code model:} in the CLI) through
 * {@link #parse(String, Map)}; the function receives the text after the first ':'.
 */
public final class FieldSpecs {
    /** One line per built-in form, for help texts and error messages. */
    public static final List<String> SYNTAX = List.of(
            "gaussian:V1,...,VD", "rotating-gaussian:V1,...,VD:OMEGA", "mixture:W@M1,...,MD@V[,...]/W@...");

    private FieldSpecs() {}

    public static ScoreField parse(String spec) { return parse(spec, Map.of()); }

    /** Parses spec with the built-in prefixes plus {@code extra} (prefix without ':' -> parser of the rest). */
    public static ScoreField parse(String spec, Map<String, Function<String, ScoreField>> extra) {
        if (spec == null || spec.isBlank()) throw new InputException("empty field spec; expected one of " + expected(extra));
        String s = spec.strip();
        int colon = s.indexOf(':');
        String prefix = colon < 0 ? s : s.substring(0, colon);
        String rest = colon < 0 ? "" : s.substring(colon + 1);
        Map<String, Function<String, ScoreField>> parsers = new LinkedHashMap<>();
        parsers.put("gaussian", r -> gaussian(s, r));
        parsers.put("rotating-gaussian", r -> rotating(s, r));
        parsers.put("mixture", r -> mixture(s, r));
        parsers.putAll(extra);
        Function<String, ScoreField> parser = parsers.get(prefix);
        if (parser == null) throw new InputException("unknown field spec '" + spec + "'; expected one of " + expected(extra));
        return parser.apply(rest);
    }

    private static String expected(Map<String, Function<String, ScoreField>> extra) {
        List<String> all = new ArrayList<>(SYNTAX);
        extra.keySet().forEach(k -> all.add(k + ":..."));
        return String.join(", ", all);
    }

    private static GaussianField gaussian(String spec, String rest) {
        return GaussianField.diagonal(positives(spec, rest, "variance"));
    }

    private static RotatingGaussianField rotating(String spec, String rest) {
        int colon = rest.lastIndexOf(':');
        if (colon < 0) throw bad(spec, "expected rotating-gaussian:V1,...,VD:OMEGA");
        double[] v = positives(spec, rest.substring(0, colon), "variance");
        if (v.length < 2) throw bad(spec, "a rotation needs at least 2 variances, got " + v.length);
        return RotatingGaussianField.diagonal(number(spec, rest.substring(colon + 1), "rotation rate"), v);
    }

    private static GaussianMixtureField mixture(String spec, String rest) {
        List<GaussianMixtureField.Component> components = new ArrayList<>();
        int dim = -1;
        for (String part : rest.split("/", -1)) {
            String[] f = part.split("@", -1);
            if (f.length != 3) throw bad(spec, "component '" + part + "' is not WEIGHT@MEAN@VARIANCE(S)");
            double w = number(spec, f[0], "weight");
            if (!(w > 0)) throw bad(spec, "weight must be positive, got " + f[0].strip());
            double[] mean = numbers(spec, f[1], "mean");
            double[] var = positives(spec, f[2], "variance");
            if (dim < 0) dim = mean.length;
            if (mean.length != dim) throw bad(spec, "component '" + part + "' has dimension " + mean.length + ", the first has " + dim);
            if (var.length == 1) { double v0 = var[0]; var = new double[dim]; Arrays.fill(var, v0); }
            if (var.length != dim) throw bad(spec, "component '" + part + "' needs 1 or " + dim + " variances, got " + var.length);
            components.add(new GaussianMixtureField.Component(w, GaussianField.diagonal(mean, var)));
        }
        return new GaussianMixtureField(components);
    }

    private static double[] positives(String spec, String list, String what) {
        double[] v = numbers(spec, list, what);
        for (double x : v) if (!(x > 0)) throw bad(spec, what + " must be positive, got " + x);
        return v;
    }

    private static double[] numbers(String spec, String list, String what) {
        if (list.isBlank()) throw bad(spec, "missing " + what + " list");
        String[] parts = list.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) v[i] = number(spec, parts[i], what);
        return v;
    }

    private static double number(String spec, String text, String what) {
        String t = text.strip();
        if (!Csv.isDecimal(t)) throw bad(spec, what + " '" + t + "' is not a number");
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) throw bad(spec, what + " '" + t + "' is not finite");
        return v;
    }

    private static InputException bad(String spec, String problem) {
        return new InputException("field spec '" + spec + "': " + problem);
    }
}
