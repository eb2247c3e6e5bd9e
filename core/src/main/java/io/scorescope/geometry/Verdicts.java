package io.scorescope.geometry;

import io.scorescope.geometry.AnalysisTable.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict rules of science.md, exactly as written. Medians ignore undefined (NaN) entries; a rule whose
 * numbers are undefined (e.g. no rows at small sigma) does not hold.
 *
 * <p>Small-sigma levels for A3 and A4 are the rows with sigma <= {@link #SMALL_SIGMA} (the spec's first
 * option; "where local_dim has reached its small-sigma value" is not implemented). A3 and A4 read the true
 * tangent/normal frame where the table has it ({@link PointAnalysis#manifoldBlocks()}), else the learned one.
 */
public final class Verdicts {
    public static final double SMALL_SIGMA = 0.1;
    public static final double RISE_MAX_SPEARMAN = -0.7;
    public static final double SPREAD_MIN_RISE = 0.1;
    public static final double MATERIALITY_MIN_RTT = 0.05;
    public static final double CONCENTRATION_MIN_RTT_OVER_RNN = 3;
    public static final double NORMAL_PROJECTION_MAX = 0.1;
    public static final double OVERLAP_MIN_NORMALISED = 0.5;
    public static final double TRANSPORT_MIN_RATIO = 0.9;
    public static final double DISTANCE_MAX_RATIO = 1.1;

    private Verdicts() {}

    /** A2-rise, A2-spread, A3, A4, A5 on one table (A6 needs the mixing experiment: {@link #a6}). */
    public static List<Verdict> all(AnalysisTable t) { return List.of(a2Rise(t), a2Spread(t), a3(t), a4(t), a5(t)); }

    /**
     * A2 dimension rises: median over sequences of Spearman(sigma, local_dim) <= -0.7. A sequence whose
     * local_dim (or sigma) is constant has no rank correlation; it counts as 0 (the dimension did not rise).
     */
    public static Verdict a2Rise(AnalysisTable t) {
        List<Double> rhos = new ArrayList<>();
        for (List<Row> seq : t.bySequence().values()) {
            if (seq.size() < 2) continue;
            double rho = SampleStats.spearman(AnalysisTable.values(seq, Row::sigma), AnalysisTable.values(seq, r -> r.point().localDim()));
            rhos.add(Double.isNaN(rho) ? 0 : rho);
        }
        double med = SampleStats.median(rhos.stream().mapToDouble(Double::doubleValue).toArray());
        return new Verdict("A2-rise", med <= RISE_MAX_SPEARMAN,
                numbers("median_spearman", med, "sequences", rhos.size()), "<= " + RISE_MAX_SPEARMAN,
                "The median over sequences of Spearman(sigma, local_dim) must be at most -0.7 (dimension rises as noise falls).");
    }

    /**
     * A2 spread rises: levels are ordered by their median sigma; the lower half are the floor(K/2) smallest,
     * the upper half the floor(K/2) largest (the middle level of an odd K is in neither). Per level the
     * across-sequence sample s.d. of local_dim; the rule is mean(lower) - mean(upper) >= 0.1.
     */
    public static Verdict a2Spread(AnalysisTable t) {
        List<double[]> levels = new ArrayList<>();   // {sigma, sd}
        for (List<Row> lv : t.byLevel().values())
            levels.add(new double[] {SampleStats.median(AnalysisTable.values(lv, Row::sigma)),
                    SampleStats.sampleSd(AnalysisTable.values(lv, r -> r.point().localDim()))});
        levels.sort((a, b) -> Double.compare(a[0], b[0]));
        int k = levels.size(), h = k / 2;
        double lower = SampleStats.mean(levels.subList(0, h).stream().mapToDouble(a -> a[1]).toArray());
        double upper = SampleStats.mean(levels.subList(k - h, k).stream().mapToDouble(a -> a[1]).toArray());
        double diff = lower - upper;
        return new Verdict("A2-spread", diff >= SPREAD_MIN_RISE,
                numbers("sd_lower_half", lower, "sd_upper_half", upper, "difference", diff, "levels", k), ">= " + SPREAD_MIN_RISE,
                "The mean across-sequence s.d. of local_dim over the lower half of the noise levels minus that over the upper half must be at least 0.1.");
    }

    /**
     * A3 non-conservative within the manifold, on rows with sigma <= 0.1, all of: (i) materiality, median
     * r_TT >= 0.05; (ii) concentration, median tangent share >= median tangent-share baseline and, if the
     * median codimension is >= 2, median r_TT / median r_NN >= 3; (iii) floor, median ||A||_F/||J||_F >= 1e-6
     * (most points are not conservative to round-off); and (iv) a split to test, median codimension >= 1 (with the
     * learned split of an image model whose Jacobian contracts no direction at small sigma, every direction counts as
     * tangent and "within the manifold" is untestable).
     */
    public static Verdict a3(AnalysisTable t) {
        List<Row> rows = t.withSigmaAtMost(SMALL_SIGMA);
        double rtt = median(rows, r -> r.point().manifoldBlocks().rTT());
        double rnn = median(rows, r -> r.point().manifoldBlocks().rNN());
        double share = median(rows, r -> r.point().manifoldBlocks().tangentShare());
        double base = median(rows, r -> r.point().manifoldBlocks().tangentShareBaseline());
        double codim = median(rows, r -> r.point().manifoldBlocks().codim());
        double relAsym = median(rows, r -> r.point().asymmetry().relativeNorm());
        boolean material = rtt >= MATERIALITY_MIN_RTT;
        boolean concentrated = share >= base && (!(codim >= 2) || rtt / rnn >= CONCENTRATION_MIN_RTT_OVER_RNN);
        boolean aboveFloor = relAsym >= Asymmetry.ROUNDOFF_FLOOR;
        boolean split = codim >= 1;
        Map<String, Double> n = numbers("median_r_tt", rtt, "median_r_nn", rnn, "r_tt_over_r_nn", rtt / rnn,
                "median_tangent_share", share, "median_tangent_share_baseline", base, "median_codim", codim,
                "median_rel_asym", relAsym, "points", rows.size());
        return new Verdict("A3", !rows.isEmpty() && material && concentrated && aboveFloor && split, n,
                "r_tt >= 0.05; tangent share >= baseline; r_tt/r_nn >= 3 if codim >= 2; ||A||/||J|| >= 1e-6; codim >= 1",
                "At sigma <= 0.1 the asymmetry must be material (median r_TT >= 0.05), concentrated in the tangent block "
                        + "(tangent share at least its random baseline, and median r_TT/r_NN >= 3 when codimension >= 2) and above the round-off floor, "
                        + "with a normal space to compare against (median codimension >= 1).");
    }

    /**
     * A4 normal projection, on rows with sigma <= 0.1: medians of ||P_N(I + sigma^2 J)P_N||_2, the leakage
     * and (where known) the normal-score relative error all <= 0.1.
     */
    public static Verdict a4(AnalysisTable t) {
        List<Row> rows = t.withSigmaAtMost(SMALL_SIGMA);
        double nb = median(rows, r -> r.point().manifoldProjection().normalBlockNorm());
        double leak = median(rows, r -> r.point().manifoldProjection().leakage());
        double err = median(rows, r -> r.point().normalScoreError());
        boolean errKnown = !Double.isNaN(err);
        boolean holds = nb <= NORMAL_PROJECTION_MAX && leak <= NORMAL_PROJECTION_MAX && (!errKnown || err <= NORMAL_PROJECTION_MAX);
        return new Verdict("A4", holds,
                numbers("median_normal_block_norm", nb, "median_leakage", leak, "median_normal_score_rel_err", err, "points", rows.size()),
                "<= " + NORMAL_PROJECTION_MAX,
                "At sigma <= 0.1 the medians of ||P_N(I + sigma^2 J)P_N||_2, the leakage ||P_N(I + sigma^2 J)P_T||_2 and (where known) the normal-score relative error must all be at most 0.1 "
                        + "(an empty normal space leaves them undefined: not met).");
    }

    /** A5 effective-density overlap: median normalised overlap (over rows where 1 <= k <= D-1) >= 0.5. */
    public static Verdict a5(AnalysisTable t) {
        double med = median(t.rows(), r -> {
            EffectiveDensityOverlap e = r.point().effectiveDensity();
            return e == null ? Double.NaN : e.normalised();
        });
        long defined = t.rows().stream().filter(r -> r.point().effectiveDensity() != null
                && !Double.isNaN(r.point().effectiveDensity().normalised())).count();
        return new Verdict("A5", med >= OVERLAP_MIN_NORMALISED,
                numbers("median_normalised_overlap", med, "points", defined), ">= " + OVERLAP_MIN_NORMALISED,
                "The median normalised overlap between the learned kept features and the effective density's top-k principal subspace must be at least 0.5.");
    }

    /** A6 constrained mixing: transport ratio model/control >= 0.9 and distance ratio model/control <= 1.1. */
    public static Verdict a6(double transportRatio, double distanceRatio) {
        return new Verdict("A6", transportRatio >= TRANSPORT_MIN_RATIO && distanceRatio <= DISTANCE_MAX_RATIO,
                numbers("transport_ratio", transportRatio, "distance_ratio", distanceRatio),
                "transport >= " + TRANSPORT_MIN_RATIO + ", distance <= " + DISTANCE_MAX_RATIO,
                "Langevin with the model must transport along the manifold at least 0.9 times as far as the conservative control while staying within 1.1 times its distance to M.");
    }

    /** A6 over several mixing noise levels: it must hold at every one, so the worst ratios are judged. */
    public static Verdict a6(List<ConstrainedMixing> mixing) {
        double transport = mixing.stream().mapToDouble(ConstrainedMixing::transportRatio).min().orElse(Double.NaN);
        double distance = mixing.stream().mapToDouble(ConstrainedMixing::distanceRatio).max().orElse(Double.NaN);
        return a6(transport, distance);
    }

    private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return SampleStats.median(AnalysisTable.values(rows, f));
    }

    private static Map<String, Double> numbers(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }
}
