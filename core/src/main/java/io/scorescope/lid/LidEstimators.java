package io.scorescope.lid;

import io.scorescope.io.Csv;
import io.scorescope.io.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Estimators by CLI spec "name[:key=value,...]". Defaults are fixed here, before any benchmark run, and are never
 * tuned on the benchmark; noise levels refer to standardised data (per-coordinate RMS 1, see
 * {@link LidBenchmarks#standardise}):
 * <ul>
 *   <li>{@code jacobian-threshold}, {@code jacobian-soft} [sigma=0.05];</li>
 *   <li>{@code nb-gap-centred}, {@code nb-gap-uncentred}, {@code nb-threshold-centred}, {@code nb-threshold-uncentred}
 *       [sigma0=0.05, kfactor=4, tau=1];</li>
 *   <li>{@code flipd} [sigma=0.05, trace=auto|exact|hutchinson|hutchinson-jacobian, probes=32];</li>
 *   <li>{@code cfdm} [sigma=0.3, trace, probes];</li>
 *   <li>{@code mle} [k=20], {@code twonn} [k=20], {@code lpca} [k=100, fraction=0.95].</li>
 * </ul>
 */
public final class LidEstimators {
    public static final double SIGMA = 0.05, CFDM_SIGMA = 0.3, TAU = 1;
    public static final int K_FACTOR = 4, PROBES = 32, MLE_K = 20, TWONN_K = 20, LPCA_K = 100;

    /** Every estimator name, in table order (the benchmark runs all of them). */
    public static final List<String> NAMES = List.of("jacobian-threshold", "jacobian-soft", "nb-gap-centred", "nb-gap-uncentred",
            "nb-threshold-centred", "nb-threshold-uncentred", "flipd", "cfdm", "mle", "twonn", "lpca");

    private LidEstimators() {}

    /** The estimator for a spec such as "flipd" or "mle:k=10". */
    public static LidEstimator parse(String spec) {
        if (spec == null || spec.isBlank()) throw new InputException("empty estimator name; expected one of " + String.join(", ", NAMES));
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        Params p = new Params(spec, colon < 0 ? "" : s.substring(colon + 1));
        LidEstimator e = switch (name) {
            case "jacobian-threshold", "jacobian-soft" -> new JacobianCountEstimator(p.num("sigma", SIGMA),
                    name.endsWith("threshold") ? JacobianCountEstimator.Rule.THRESHOLD : JacobianCountEstimator.Rule.SOFT);
            case "nb-gap-centred", "nb-gap-uncentred", "nb-threshold-centred", "nb-threshold-uncentred" -> new NormalBundleEstimator(
                    p.num("sigma0", SIGMA), p.integer("kfactor", K_FACTOR), name.endsWith("-centred"),
                    name.startsWith("nb-gap") ? NormalBundleEstimator.Rule.GAP : NormalBundleEstimator.Rule.THRESHOLD, p.num("tau", TAU));
            case "flipd" -> new FlipdEstimator(p.num("sigma", SIGMA), p.trace(), p.integer("probes", PROBES));
            case "cfdm" -> new CfdmEstimator(p.num("sigma", CFDM_SIGMA), p.trace(), p.integer("probes", PROBES));
            case "mle" -> new MleEstimator(p.integer("k", MLE_K));
            case "twonn" -> new TwoNnEstimator(p.integer("k", TWONN_K));
            case "lpca" -> new LocalPcaEstimator(p.integer("k", LPCA_K), p.num("fraction", LocalPcaEstimator.DEFAULT_FRACTION));
            default -> throw new InputException("unknown estimator '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
        p.checkAllUsed();
        return e;
    }

    /** key=value parameters; every key must be consumed. */
    private static final class Params {
        private final String spec;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> used = new TreeSet<>();

        Params(String spec, String rest) {
            this.spec = spec;
            for (String part : rest.split(",")) {
                if (part.isBlank()) continue;
                int eq = part.indexOf('=');
                if (eq <= 0) throw new InputException("estimator '" + spec + "': expected key=value, found '" + part.strip() + "'");
                values.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }

        double num(String key, double def) {
            used.add(key);
            String v = values.get(key);
            if (v == null) return def;
            if (!Csv.isDecimal(v)) throw new InputException("estimator '" + spec + "': " + key + "=" + v + " is not a number");
            return Double.parseDouble(v);
        }

        int integer(String key, int def) {
            used.add(key);
            String v = values.get(key);
            if (v == null) return def;
            try { return Integer.parseInt(v); } catch (NumberFormatException e) {
                throw new InputException("estimator '" + spec + "': " + key + "=" + v + " is not an integer");
            }
        }

        FlipdEstimator.Trace trace() {
            used.add("trace");
            String v = values.getOrDefault("trace", "auto");
            return switch (v) {
                case "auto" -> FlipdEstimator.Trace.AUTO;
                case "exact" -> FlipdEstimator.Trace.EXACT;
                case "hutchinson" -> FlipdEstimator.Trace.HUTCHINSON_JVP;
                case "hutchinson-jacobian" -> FlipdEstimator.Trace.HUTCHINSON_JACOBIAN;
                default -> throw new InputException("estimator '" + spec + "': trace=" + v + " is not one of auto, exact, hutchinson, hutchinson-jacobian");
            };
        }

        void checkAllUsed() {
            for (String k : values.keySet())
                if (!used.contains(k)) throw new InputException("estimator '" + spec + "': unknown parameter '" + k + "' (known: " + String.join(", ", used) + ")");
        }
    }
}
