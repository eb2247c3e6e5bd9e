package io.scorescope.experiment;

import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.AnalysisTable.Row;
import io.scorescope.geometry.Asymmetry;
import io.scorescope.geometry.AsymmetryBlocks;
import io.scorescope.geometry.EffectiveDensityOverlap;
import io.scorescope.geometry.NormalProjection;
import io.scorescope.geometry.SampleStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The verdict rules of docs/science.md ("verdicts"), exactly as written there. Medians ignore undefined (NaN)
 * entries. A rule whose inputs are degenerate (no level to judge, no normal space, non-finite numbers) is "not
 * evaluated", with the reason; it is never "does not hold" beside undefined numbers.
 *
 * <p>Small-sigma levels for A3 and A4 are the rows with sigma <= {@link #SMALL_SIGMA} x the data's noise unit (the
 * factor that also scales the mixing levels: the noise scale s on manifolds, 1 on images in pixel units). A3 and A4
 * read the reference frame ({@link Frame#REFERENCE}): the true tangent/normal frame of a manifold, or on images the
 * conservative control's learned split; the model's own learned split is reported beside it ({@link Frame#OWN}).
 */
public final class Verdicts {
    public static final double SMALL_SIGMA = 0.1;
    public static final double RISE_MAX_SPEARMAN = -0.7;
    public static final double SPREAD_MIN_RISE = 0.1;
    public static final double MATERIALITY_MIN_RTT = 0.05;
    public static final double CONCENTRATION_MIN_RTT_OVER_RNN = 3;
    public static final double NORMAL_PROJECTION_MAX = 0.1;
    public static final double OVERLAP_MIN_NORMALISED = 0.5;
    /** A5 judges only levels whose training-posterior effective sample size (median over the level) is at least this. */
    public static final double MIN_ESS = 10;
    public static final double TRANSPORT_MIN_RATIO = 0.9;
    public static final double DISTANCE_MAX_RATIO = 1.1;

    /** Which tangent/normal frame A3 and A4 read. */
    public enum Frame {
        /** The true frame when the table has one (manifold, or the control's split on images), else the learned one. */
        REFERENCE,
        /** The analysed field's own learned split (kept features, gain > 1/2). */
        OWN;

        AsymmetryBlocks blocks(Row r) { return this == REFERENCE ? r.point().manifoldBlocks() : r.point().blocks(); }

        NormalProjection projection(Row r) { return this == REFERENCE ? r.point().manifoldProjection() : r.point().projection(); }
    }

    private Verdicts() {}

    /** The small-sigma cut for data whose noise levels are scaled by {@code unit}. */
    public static double smallSigma(double unit) { return SMALL_SIGMA * unit; }

    /** The verdicts of {@link Claim#PER_TABLE} on one table in the reference frame, by claim (A6: {@link #a6}). */
    public static Map<Claim, Verdict> all(AnalysisTable t, double smallSigma) {
        Map<Claim, Verdict> m = new EnumMap<>(Claim.class);
        for (Verdict v : List.of(a2Rise(t), a2Spread(t), a3(t, smallSigma, Frame.REFERENCE), a4(t, smallSigma, Frame.REFERENCE), a5(t)))
            m.put(v.claim(), v);
        return m;
    }

    /**
     * A2 dimension rises: median over sequences of Spearman(sigma, local_dim) <= -0.7. A sequence whose
     * local_dim (or sigma) is constant has no rank correlation; it counts as 0 (the dimension did not rise).
     * Not evaluated without a sequence of two or more levels.
     */
    public static Verdict a2Rise(AnalysisTable t) {
        List<Double> rhos = new ArrayList<>();
        for (List<Row> seq : t.bySequence().values()) {
            if (seq.size() < 2) continue;
            double rho = SampleStats.spearman(AnalysisTable.values(seq, Row::sigma), AnalysisTable.values(seq, r -> r.point().localDim()));
            rhos.add(Double.isNaN(rho) ? 0 : rho);
        }
        double med = SampleStats.median(rhos.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Double> n = numbers("median_spearman", med, "sequences", rhos.size());
        String threshold = "<= " + RISE_MAX_SPEARMAN, rule = "The median over sequences of Spearman(sigma, local_dim) must be at most -0.7 (dimension rises as noise falls).";
        if (rhos.isEmpty()) return Verdict.notEvaluated(Claim.A2_DIMENSION_RISES, "no sequence has two or more levels", n, threshold, rule);
        return Verdict.judged(Claim.A2_DIMENSION_RISES, med <= RISE_MAX_SPEARMAN, n, threshold, rule);
    }

    /**
     * A2 spread rises: levels are ordered by their median sigma; the lower half are the floor(K/2) smallest,
     * the upper half the floor(K/2) largest (the middle level of an odd K is in neither). Per level the
     * across-sequence sample s.d. of local_dim; the rule is mean(lower) - mean(upper) >= 0.1. Not evaluated with
     * fewer than two levels or two sequences (no spread).
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
        Map<String, Double> n = numbers("sd_lower_half", lower, "sd_upper_half", upper, "difference", diff, "levels", k);
        String threshold = ">= " + SPREAD_MIN_RISE, rule = "The mean across-sequence s.d. of local_dim over the lower half of the noise levels minus that over the upper half must be at least 0.1.";
        if (h == 0) return Verdict.notEvaluated(Claim.A2_SPREAD_RISES, "fewer than two noise levels", n, threshold, rule);
        if (!Double.isFinite(diff)) return Verdict.notEvaluated(Claim.A2_SPREAD_RISES, "no spread: fewer than two sequences", n, threshold, rule);
        return Verdict.judged(Claim.A2_SPREAD_RISES, diff >= SPREAD_MIN_RISE, n, threshold, rule);
    }

    /**
     * A3 non-conservative within the manifold, on rows with sigma <= smallSigma, in the given frame. Not evaluated
     * without such rows, without a normal space (median codimension 0: "within" is untestable) or with non-finite
     * numbers. A field conservative to round-off (median ||A||_F/||J||_F below 1e-6) does not hold. Otherwise all
     * of: (i) materiality, median r_TT >= 0.05; (ii) concentration, the median over points of (tangent share -
     * its random baseline) >= 0 and, if the median codimension is >= 2, median r_TT / median r_NN >= 3.
     */
    public static Verdict a3(AnalysisTable t, double smallSigma, Frame frame) { return a3(t.withSigmaAtMost(smallSigma), smallSigma, frame); }

    /** A3 on the given rows (all already at small sigma). */
    public static Verdict a3(List<Row> rows, double smallSigma, Frame frame) {
        double rtt = median(rows, r -> frame.blocks(r).rTT());
        double rnn = median(rows, r -> frame.blocks(r).rNN());
        double share = median(rows, r -> frame.blocks(r).tangentShare());
        double base = median(rows, r -> frame.blocks(r).tangentShareBaseline());
        double excess = median(rows, r -> frame.blocks(r).tangentShare() - frame.blocks(r).tangentShareBaseline());
        double codim = median(rows, r -> frame.blocks(r).codim());
        double relAsym = median(rows, r -> r.point().asymmetry().relativeNorm());
        Map<String, Double> n = numbers("median_r_tt", rtt, "median_r_nn", rnn, "r_tt_over_r_nn", rtt / rnn,
                "median_tangent_share", share, "median_tangent_share_baseline", base, "median_tangent_share_excess", excess,
                "median_codim", codim, "median_rel_asym", relAsym, "points", rows.size(), "small_sigma_max", smallSigma);
        String threshold = "r_tt >= 0.05; median(tangent share - baseline) >= 0; r_tt/r_nn >= 3 if codim >= 2; ||A||/||J|| >= 1e-6";
        String rule = "At sigma <= " + fmt(smallSigma) + " the asymmetry must be material (median r_TT >= 0.05), concentrated in the tangent block "
                + "(the median over points of tangent share minus its random baseline at least 0, and median r_TT/r_NN >= 3 when "
                + "codimension >= 2) and above the round-off floor; without a normal space it is not evaluated.";
        Claim c = Claim.A3_NONCONSERVATIVE_WITHIN;
        if (rows.isEmpty()) return Verdict.notEvaluated(c, "no level at sigma <= " + fmt(smallSigma), n, threshold, rule);
        if (!(codim >= 1)) return Verdict.notEvaluated(c, "no normal space: the frame's median codimension is 0", n, threshold, rule);
        if (!Double.isFinite(relAsym)) return Verdict.notEvaluated(c, "non-finite inputs: ||A||/||J|| undefined", n, threshold, rule);
        if (relAsym < Asymmetry.ROUNDOFF_FLOOR) return Verdict.judged(c, false, n, threshold, rule);   // conservative to round-off
        boolean needRatio = codim >= 2;
        if (!Double.isFinite(rtt) || !Double.isFinite(excess) || (needRatio && Double.isNaN(rtt / rnn)))
            return Verdict.notEvaluated(c, "non-finite inputs: r_TT, tangent share or r_NN undefined", n, threshold, rule);
        boolean concentrated = excess >= 0 && (!needRatio || rtt / rnn >= CONCENTRATION_MIN_RTT_OVER_RNN);
        return Verdict.judged(c, rtt >= MATERIALITY_MIN_RTT && concentrated, n, threshold, rule);
    }

    /**
     * A4 normal projection, on rows with sigma <= smallSigma in the given frame: medians of ||P_N(I + sigma^2 J)P_N||_2,
     * the leakage and (where known) the normal-score relative error all <= 0.1. Not evaluated without such rows or
     * without a normal space (the normal block and leakage are undefined).
     */
    public static Verdict a4(AnalysisTable t, double smallSigma, Frame frame) { return a4(t.withSigmaAtMost(smallSigma), smallSigma, frame); }

    /** A4 on the given rows (all already at small sigma). */
    public static Verdict a4(List<Row> rows, double smallSigma, Frame frame) {
        double nb = median(rows, r -> frame.projection(r).normalBlockNorm());
        double leak = median(rows, r -> frame.projection(r).leakage());
        double err = frame == Frame.REFERENCE ? median(rows, r -> r.point().normalScoreError()) : Double.NaN;
        boolean errKnown = !Double.isNaN(err);
        Map<String, Double> n = numbers("median_normal_block_norm", nb, "median_leakage", leak, "median_normal_score_rel_err", err,
                "points", rows.size(), "small_sigma_max", smallSigma);
        String threshold = "<= " + NORMAL_PROJECTION_MAX;
        String rule = "At sigma <= " + fmt(smallSigma) + " the medians of ||P_N(I + sigma^2 J)P_N||_2, the leakage ||P_N(I + sigma^2 J)P_T||_2 "
                + "and (where known) the normal-score relative error must all be at most 0.1.";
        Claim c = Claim.A4_NORMAL_PROJECTION;
        if (rows.isEmpty()) return Verdict.notEvaluated(c, "no level at sigma <= " + fmt(smallSigma), n, threshold, rule);
        if (!Double.isFinite(nb) || !Double.isFinite(leak))
            return Verdict.notEvaluated(c, "no normal space: normal block and leakage undefined", n, threshold, rule);
        return Verdict.judged(c, nb <= NORMAL_PROJECTION_MAX && leak <= NORMAL_PROJECTION_MAX && (!errKnown || err <= NORMAL_PROJECTION_MAX),
                n, threshold, rule);
    }

    /**
     * A5 effective-density overlap: median normalised overlap (over rows where 1 <= k <= D-1) >= 0.5, over the
     * eligible levels: those whose effective density is the exact population posterior, or whose training
     * posterior has a median effective sample size >= 10. Not evaluated without an eligible level.
     */
    public static Verdict a5(AnalysisTable t) {
        List<Row> eligible = new ArrayList<>();
        int eligibleLevels = 0;
        for (List<Row> level : t.byLevel().values()) {
            if (!eligible(level)) continue;
            eligibleLevels++;
            eligible.addAll(level);
        }
        ToDoubleFunction<Row> normalised = r -> {
            EffectiveDensityOverlap e = r.point().effectiveDensity();
            return e == null ? Double.NaN : e.normalised();
        };
        double med = median(eligible, normalised), all = median(t.rows(), normalised);
        long defined = eligible.stream().filter(r -> !Double.isNaN(normalised.applyAsDouble(r))).count();
        Map<String, Double> n = numbers("median_normalised_overlap", med, "points", defined, "eligible_levels", eligibleLevels,
                "levels", t.byLevel().size(), "all_levels_median_normalised_overlap", all);
        String threshold = ">= " + OVERLAP_MIN_NORMALISED;
        String rule = "The median normalised overlap between the learned kept features and the effective density's top-k principal subspace "
                + "must be at least 0.5, over the levels whose posterior is exact (population) or has a median effective sample size >= 10.";
        Claim c = Claim.A5_EFFECTIVE_OVERLAP;
        if (defined == 0) return Verdict.notEvaluated(c, "no eligible level (posterior ESS >= 10 and 1 <= k <= D-1)", n, threshold, rule);
        return Verdict.judged(c, med >= OVERLAP_MIN_NORMALISED, n, threshold, rule);
    }

    /** A level is eligible for A5 when its effective density is the population posterior or its training ESS is >= 10. */
    static boolean eligible(List<Row> level) {
        if (level.stream().allMatch(r -> r.point().population() != null)) return true;
        double ess = median(level, r -> r.point().training() == null ? Double.NaN : r.point().training().ess());
        return ess >= MIN_ESS;
    }

    /**
     * A6 constrained mixing over every mixing run (noise levels, and on images both rulers): it must hold in each,
     * so the worst ratios are judged: transport ratio model/control >= 0.9 and distance ratio <= 1.1. Not evaluated
     * without a run or with a non-finite ratio. A "not worse than the conservative control" test.
     */
    public static Verdict a6(List<ConstrainedMixing> mixing) {
        double transport = mixing.stream().mapToDouble(ConstrainedMixing::transportRatio).min().orElse(Double.NaN);
        double distance = mixing.stream().mapToDouble(ConstrainedMixing::distanceRatio).max().orElse(Double.NaN);
        boolean finite = mixing.stream().allMatch(m -> Double.isFinite(m.transportRatio()) && Double.isFinite(m.distanceRatio()));
        Map<String, Double> n = numbers("transport_ratio", transport, "distance_ratio", distance, "runs", mixing.size());
        String threshold = "transport >= " + TRANSPORT_MIN_RATIO + ", distance <= " + DISTANCE_MAX_RATIO;
        String rule = "Langevin with the model must transport along the manifold at least 0.9 times as far as the conservative control while "
                + "staying within 1.1 times its distance to M, at every mixing level (and with every ruler): a 'not worse than the "
                + "conservative control' test.";
        Claim c = Claim.A6_CONSTRAINED_MIXING;
        if (mixing.isEmpty()) return Verdict.notEvaluated(c, "no mixing run", n, threshold, rule);
        if (!finite) return Verdict.notEvaluated(c, "non-finite inputs: a transport or distance ratio is undefined", n, threshold, rule);
        return Verdict.judged(c, transport >= TRANSPORT_MIN_RATIO && distance <= DISTANCE_MAX_RATIO, n, threshold, rule);
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> f) {
        return SampleStats.median(AnalysisTable.values(rows, f));
    }

    private static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.3g", v); }

    private static Map<String, Double> numbers(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }
}
