package io.scorescope.geometry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every geometric quantity at one (x, sigma), spec sections 1-3 and 5-8. Built by {@link PointAnalyzer}.
 * Optional references are null when not supplied: {@code blocksTrue}/{@code projectionTrue} (true tangent
 * space), {@code exact} (exact field), {@code training}/{@code population} (effective densities).
 *
 * <p>Output columns (JSON keys; CSV flattens per-feature arrays to name_1..name_D and the curl to
 * curl_1..curl_3, present only when D = 3): see {@link #csvHeader(int)}. Suffix _true: in the true
 * tangent/normal frame; _exact: the exact field. The effective-density columns overlap,
 * overlap_normalised, overlap_baseline use the population posterior when given, else the training one;
 * jac_err_train / jac_err_pop compare J with each posterior's Jacobian; ess is the training posterior's
 * (the population's if there is no training posterior). Absent values are empty CSV cells / JSON null;
 * undefined ones are NaN in CSV and null in JSON (JSON refuses non-finite numbers).
 */
public record PointAnalysis(double sigma, LocalFeatures features, LocalDimension dimension, Asymmetry asymmetry,
                            AsymmetryBlocks blocks, NormalProjection projection,
                            AsymmetryBlocks blocksTrue, NormalProjection projectionTrue, ExactComparison exact,
                            EffectiveDensityOverlap training, EffectiveDensityOverlap population) {

    /** D. */
    public int ambientDim() { return features.ambientDim(); }

    /** The default local dimension #{gamma > 1/2}. */
    public int localDim() { return dimension.threshold(); }

    /** Blocks in the true frame when known, else in the learned one (the "within the manifold" reading). */
    public AsymmetryBlocks manifoldBlocks() { return blocksTrue != null ? blocksTrue : blocks; }

    /** Normal projection in the true frame when known, else in the learned one. */
    public NormalProjection manifoldProjection() { return projectionTrue != null ? projectionTrue : projection; }

    /** The effective density used for overlap columns: population when given, else training (null if neither). */
    public EffectiveDensityOverlap effectiveDensity() { return population != null ? population : training; }

    /** |P_N(g - g_exact)| / |P_N g_exact|, NaN when not known. */
    public double normalScoreError() { return exact == null ? Double.NaN : exact.normalScoreError(); }

    // ---- output ---------------------------------------------------------------------------------------

    private enum Width { SCALAR, PER_FEATURE, CURL }

    private record Column(String name, Width width, Function<PointAnalysis, Object> value) {}

    private static final List<Column> COLUMNS = columns();

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(scalar("sigma", PointAnalysis::sigma));
        c.add(new Column("singular_values", Width.PER_FEATURE, p -> p.features.singularValues()));
        c.add(new Column("gains", Width.PER_FEATURE, p -> p.features.gains()));
        c.add(new Column("sign_pairing", Width.PER_FEATURE, p -> p.features.signPairing()));
        c.add(scalar("local_dim", p -> p.dimension.threshold()));
        c.add(scalar("local_dim_soft", p -> p.dimension.soft()));
        c.add(scalar("local_dim_gap", p -> p.dimension.logGap()));
        c.add(scalar("local_dim_pr", p -> p.dimension.participationRatio()));
        c.add(scalar("nasym", p -> p.asymmetry.nasym()));
        c.add(scalar("conservative_to_roundoff", p -> p.asymmetry.conservativeToRoundoff()));
        c.add(new Column("curl", Width.CURL, p -> p.asymmetry.curl()));
        addFrameColumns(c, "", PointAnalysis::blocks, PointAnalysis::projection);
        c.add(scalar("local_dim_true", p -> p.blocksTrue == null ? null : p.blocksTrue.tangentDim()));
        addFrameColumns(c, "_true", PointAnalysis::blocksTrue, PointAnalysis::projectionTrue);
        c.add(scalar("local_dim_exact", p -> p.exact == null ? null : p.exact.localDim()));
        c.add(scalar("normal_block_norm_exact", p -> p.exact == null ? null : p.exact.projection().normalBlockNorm()));
        c.add(scalar("leakage_exact", p -> p.exact == null ? null : p.exact.projection().leakage()));
        c.add(scalar("normal_score_rel_err", p -> p.exact == null ? null : p.exact.normalScoreError()));
        c.add(scalar("overlap", p -> effective(p, EffectiveDensityOverlap::overlap)));
        c.add(scalar("overlap_normalised", p -> effective(p, EffectiveDensityOverlap::normalised)));
        c.add(scalar("overlap_baseline", p -> effective(p, EffectiveDensityOverlap::baseline)));
        c.add(scalar("jac_err_train", p -> p.training == null ? null : p.training.jacobianError()));
        c.add(scalar("jac_err_pop", p -> p.population == null ? null : p.population.jacobianError()));
        c.add(scalar("ess", p -> p.training != null ? p.training.ess() : effective(p, EffectiveDensityOverlap::ess)));
        return List.copyOf(c);
    }

    private static void addFrameColumns(List<Column> c, String suffix, Function<PointAnalysis, AsymmetryBlocks> blocks,
                                        Function<PointAnalysis, NormalProjection> projection) {
        record Named(String name, Function<AsymmetryBlocks, Object> value) {}
        List<Named> fromBlocks = List.of(
                new Named("r_tt", AsymmetryBlocks::rTT), new Named("r_nn", AsymmetryBlocks::rNN), new Named("r_x", AsymmetryBlocks::rX),
                new Named("tangent_share", AsymmetryBlocks::tangentShare), new Named("normal_share", AsymmetryBlocks::normalShare),
                new Named("cross_share", AsymmetryBlocks::crossShare),
                new Named("tangent_share_baseline", AsymmetryBlocks::tangentShareBaseline),
                new Named("normal_share_baseline", AsymmetryBlocks::normalShareBaseline),
                new Named("cross_share_baseline", AsymmetryBlocks::crossShareBaseline),
                new Named("rot_tt_gain", AsymmetryBlocks::rotTTGain), new Named("rot_nn_gain", AsymmetryBlocks::rotNNGain),
                new Named("curl_normal_cos2", AsymmetryBlocks::curlNormalCos2));
        for (Named n : fromBlocks)
            c.add(scalar(n.name + suffix, p -> { AsymmetryBlocks b = blocks.apply(p); return b == null ? null : n.value.apply(b); }));
        c.add(scalar("normal_block_norm" + suffix, p -> { NormalProjection q = projection.apply(p); return q == null ? null : q.normalBlockNorm(); }));
        c.add(scalar("leakage" + suffix, p -> { NormalProjection q = projection.apply(p); return q == null ? null : q.leakage(); }));
    }

    private static Column scalar(String name, Function<PointAnalysis, Object> value) { return new Column(name, Width.SCALAR, value); }

    private static Object effective(PointAnalysis p, Function<EffectiveDensityOverlap, Object> f) {
        EffectiveDensityOverlap e = p.effectiveDensity();
        return e == null ? null : f.apply(e);
    }

    /** The JSON key / CSV column base names, in order. */
    public static List<String> columnNames() { return COLUMNS.stream().map(Column::name).toList(); }

    /** CSV header for ambient dimension D (per-feature columns name_1..name_D; curl_1..3 only when D = 3). */
    public static List<String> csvHeader(int dim) {
        List<String> h = new ArrayList<>();
        for (Column c : COLUMNS) {
            int w = width(c.width, dim);
            if (c.width == Width.SCALAR) h.add(c.name);
            else for (int i = 1; i <= w; i++) h.add(c.name + "_" + i);
        }
        return h;
    }

    /** One CSV row matching {@link #csvHeader(int)} for this D: numbers in round-trip form, booleans as 1/0. */
    public List<String> csvRow() {
        int dim = ambientDim();
        List<String> r = new ArrayList<>();
        for (Column c : COLUMNS) {
            Object v = c.value.apply(this);
            if (c.width == Width.SCALAR) { r.add(csvCell(v)); continue; }
            int w = width(c.width, dim);
            double[] a = (double[]) v;
            for (int i = 0; i < w; i++) r.add(a == null ? "" : csvCell(a[i]));
        }
        return r;
    }

    /** All columns as a JSON object (arrays for per-feature values and the curl; null for absent or non-finite). */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        for (Column c : COLUMNS) {
            if (c.width == Width.CURL && ambientDim() != 3) continue;
            Object v = c.value.apply(this);
            if (v == null) o.putNull(c.name);
            else if (v instanceof double[] a) {
                ArrayNode arr = o.putArray(c.name);
                for (double x : a) { if (Double.isFinite(x)) arr.add(x); else arr.addNull(); }
            } else if (v instanceof Boolean b) o.put(c.name, b);
            else if (v instanceof Integer i) o.put(c.name, i);
            else {
                double x = ((Number) v).doubleValue();
                if (Double.isFinite(x)) o.put(c.name, x); else o.putNull(c.name);
            }
        }
        return o;
    }

    private static int width(Width w, int dim) {
        return switch (w) { case SCALAR -> 1; case PER_FEATURE -> dim; case CURL -> dim == 3 ? 3 : 0; };
    }

    private static String csvCell(Object v) {
        if (v == null) return "";
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof Integer i) return Integer.toString(i);
        return Double.toString(((Number) v).doubleValue());
    }
}
