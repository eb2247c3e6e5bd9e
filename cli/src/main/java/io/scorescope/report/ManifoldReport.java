package io.scorescope.report;

import static io.scorescope.report.ClaimSections.cell;
import static io.scorescope.report.ClaimSections.effective;
import static io.scorescope.report.ClaimSections.fmt;
import static io.scorescope.report.ClaimSections.loss;
import static io.scorescope.report.ClaimSections.section;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.AnalysisTable.Row;
import io.scorescope.experiment.Claim;
import io.scorescope.experiment.Definitions;
import io.scorescope.experiment.Experiment;
import io.scorescope.experiment.FigureOne;
import io.scorescope.experiment.LevelStats;
import io.scorescope.experiment.ManifoldData;
import io.scorescope.experiment.Summary;
import io.scorescope.experiment.Verdict;
import io.scorescope.experiment.Verdicts;
import io.scorescope.report.ClaimSections.Figures;
import io.scorescope.training.LossRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report of {@code scorescope reproduce}: one section per claim (Figure-1 analogue, spectra, A2 rise,
 * A2 spread, A3, A4, A5, A6, sample quality), each with its verdict and rule, the definition used, key numbers next
 * to their references (exact field, energy control, random baselines) and figures. Curves are per-level medians
 * (means for dimensions) over the sequences; the per-point values are in tables/analysis*.csv.
 */
public final class ManifoldReport {
    private static final Axis SIGMA = Axis.log("sigma");
    private static final int SPECTRUM_SEQUENCES = 3;

    private final Experiment.Result r;
    private final ManifoldData kind;
    private final AnalysisTable model, exact, control;
    private final double[] sigma;

    private ManifoldReport(Experiment.Result r) {
        this.r = r;
        this.kind = (ManifoldData) r.kind();
        this.model = r.analyses().model();
        this.exact = r.analyses().exact().orElseThrow();
        this.control = r.analyses().control();
        this.sigma = LevelStats.sigma(model);
    }

    public static Report build(Experiment.Result r, JsonNode provenance) {
        ManifoldReport c = new ManifoldReport(r);
        int controlSteps = r.control().checkpoint().orElseThrow().step();
        String models = r.model().checkpoint().map(m -> m.step() == controlSteps
                        ? "model and energy control " + controlSteps + " DSM steps each"
                        : "model " + m.step() + " and energy control " + controlSteps + " DSM steps")
                .orElse("model " + r.model().field().describe() + ", energy control " + controlSteps + " DSM steps");
        String subtitle = String.format(Locale.ROOT, "data %s (d = %d, D = %d), budget %s, seed %d: %d sequences x %d levels, %s",
                r.kind().data().spec(), c.kind.truth().intrinsicDim(), c.kind.truth().ambientDim(), r.kind().plan().name(),
                r.settings().seed(), r.sequences().n(), c.sigma.length, models);
        return new Report("Scorescope reproduction: score-based models learn manifold-like structures with constrained mixing",
                subtitle, provenance, List.of(c.figureOne(), c.spectra(), c.a2Rise(), c.a2Spread(), c.a3(), c.a4(), c.a5(),
                c.a6(), c.quality()));
    }

    // ---- sections ------------------------------------------------------------------------------------------

    private Section figureOne() {
        return new Section("fig1", "Figure-1 analogue: density on the manifold and the learned field", "",
                Badge.notEvaluated("illustration: no verdict rule"), Definitions.NOISE, List.of(), List.of(figureOneFigure()), null,
                List.of("Colour: the exact density q0 on M. Arrows: the learned g_sigma at sigma = "
                        + fmt(FigureOne.FIELD_SIGMA * kind.noiseScale()) + ", half based on M (flow along the surface) and half "
                        + fmt(FigureOne.OFFSET * kind.noiseScale()) + " off it along a normal (pull back); the longest arrow is drawn at 12% of the extent."
                        + (kind.truth().ambientDim() == 3 ? "" : " D != 3: drawn on the top principal axes of the points.")));
    }

    private ManifoldFigure figureOneFigure() {
        FigureOne.Picture p = ((ManifoldData.Figure) r.illustrations()).picture();
        return new ManifoldFigure("figure1", p.title(), p.points(), p.density(), p.bases(), p.arrows(), ManifoldFigure.TWO_VIEWS, "q0");
    }

    private Section spectra() {
        List<Series> gains = new ArrayList<>(), values = new ArrayList<>();
        int dim = kind.truth().ambientDim();
        int shown = Math.min(SPECTRUM_SEQUENCES, r.sequences().n());
        for (int seq = 0; seq < shown; seq++) {
            double[] x = LevelStats.sequence(model, seq, Row::sigma);
            for (int i = 0; i < dim; i++) {
                final int f = i;
                gains.add(LineSeries.solid("seq " + (seq + 1) + " gamma_" + (i + 1), x, LevelStats.sequence(model, seq, row -> row.point().features().gains()[f])));
                values.add(LineSeries.solid("seq " + (seq + 1) + " s_" + (i + 1), x, LevelStats.sequence(model, seq, row -> row.point().features().singularValues()[f])));
            }
        }
        for (int i = 0; i < dim; i++) {
            final int f = i;
            gains.add(LineSeries.dashed("exact field gamma_" + (i + 1) + " (median)", sigma, LevelStats.median(exact, row -> row.point().features().gains()[f])));
        }
        double[] inv = new double[sigma.length];
        for (int i = 0; i < inv.length; i++) inv[i] = 1 / (sigma[i] * sigma[i]);
        values.add(LineSeries.dashed("1/sigma^2", sigma, inv));
        List<KeyNumber> numbers = new ArrayList<>();
        int last = sigma.length - 1;
        for (int i = 0; i < dim; i++) {
            final int f = i;
            numbers.add(new KeyNumber("median gain gamma_" + (i + 1) + " at sigma = " + fmt(sigma[last]),
                    LevelStats.median(model, row -> row.point().features().gains()[f])[last], "exact field",
                    LevelStats.median(exact, row -> row.point().features().gains()[f])[last]));
        }
        Figures figs = new Figures();
        figs.add("spectra-gains", "Gains gamma_i = 1 - sigma^2 s_i along " + shown + " sequences", SIGMA, Axis.linear("gain"), gains);
        figs.add("spectra-values", "Singular values s_i along " + shown + " sequences", SIGMA, Axis.log("singular value"), values);
        return new Section("spectra", "Local features: singular-value spectra and gains vs sigma", "A1",
                Badge.notEvaluated("A1 is the analysis device itself: no verdict rule"), Definitions.FEATURES + "\n" + Definitions.GAIN,
                numbers, figs.list, null, figs.notes);
    }

    private Section a2Rise() {
        Verdict v = r.claims().model().get(Claim.A2_DIMENSION_RISES);
        List<Series> lines = ClaimSections.localDimLines(model, sigma);
        double[] mean = LevelStats.mean(model, row -> row.point().localDim()), sd = LevelStats.sd(model, row -> row.point().localDim());
        lines.add(LineSeries.dashed("exact field (mean)", sigma, LevelStats.mean(exact, row -> row.point().localDim())));
        lines.add(LineSeries.dashed("energy control (mean)", sigma, LevelStats.mean(control, row -> row.point().localDim())));
        List<Series> alt = List.of(
                LineSeries.solid("threshold #{gamma > 1/2}", sigma, mean),
                LineSeries.solid("soft tr(I + sigma^2 S)", sigma, LevelStats.mean(model, row -> row.point().dimension().soft())),
                LineSeries.solid("largest log-gap", sigma, LevelStats.mean(model, row -> row.point().dimension().logGap())),
                LineSeries.solid("participation ratio", sigma, LevelStats.mean(model, row -> row.point().dimension().participationRatio())),
                LineSeries.dashed("true d at the closest point", sigma, LevelStats.mean(model, row -> row.point().blocksTrue() == null ? Double.NaN : row.point().blocksTrue().tangentDim())));
        Figures figs = new Figures();
        figs.add("a2-dim", "Local dimension along each sequence (model), spread band, exact field and control", SIGMA, Axis.linear("local_dim"), lines);
        figs.add("a2-alt", "Alternative local-dimension estimators (model, mean over sequences)", SIGMA, Axis.linear("dimension"), alt);
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median Spearman(sigma, local_dim)", v.numbers().get("median_spearman"), "exact field",
                        r.claims().exact().get(Claim.A2_DIMENSION_RISES).numbers().get("median_spearman")),
                new KeyNumber("median Spearman(sigma, local_dim)", v.numbers().get("median_spearman"), "energy control",
                        r.claims().control().get(Claim.A2_DIMENSION_RISES).numbers().get("median_spearman")),
                new KeyNumber("threshold", Verdicts.RISE_MAX_SPEARMAN, "", Double.NaN),
                KeyNumber.of("sequences", v.numbers().get("sequences")));
        List<List<String>> rows = new ArrayList<>();
        double[] ex = LevelStats.mean(exact, row -> row.point().localDim()), co = LevelStats.mean(control, row -> row.point().localDim());
        for (int i = 0; i < sigma.length; i++) rows.add(List.of(cell(sigma[i]), cell(mean[i]), cell(sd[i]), cell(ex[i]), cell(co[i])));
        Table table = new Table(List.of("sigma", "local_dim_mean", "local_dim_sd", "exact_local_dim_mean", "control_local_dim_mean"), rows);
        List<String> text = new ArrayList<>(figs.notes);
        text.add("The participation ratio is scale-free and the log-gap is noisy (docs/science.md#local_dim): shown, never used for the verdict.");
        return section("A2: local dimension rises as the noise falls", v,
                Definitions.LOCAL_DIM + "\n" + Definitions.SEQUENCES, numbers, figs.list, table, text);
    }

    private Section a2Spread() {
        Verdict v = r.claims().model().get(Claim.A2_SPREAD_RISES);
        ToDoubleFunction<Row> dim = row -> row.point().localDim();
        Figures figs = new Figures();
        figs.add("a2-sd", "Across-sequence s.d. of local_dim per level", SIGMA, Axis.linear("s.d. of local_dim"), List.of(
                LineSeries.solid("model", sigma, LevelStats.sd(model, dim)),
                LineSeries.dashed("exact field", sigma, LevelStats.sd(exact, dim)),
                LineSeries.dashed("energy control", sigma, LevelStats.sd(control, dim))));
        Verdict ve = r.claims().exact().get(Claim.A2_SPREAD_RISES), vc = r.claims().control().get(Claim.A2_SPREAD_RISES);
        List<KeyNumber> numbers = List.of(
                new KeyNumber("mean s.d. lower half minus upper half", v.numbers().get("difference"), "exact field", ve.numbers().get("difference")),
                new KeyNumber("mean s.d. lower half minus upper half", v.numbers().get("difference"), "energy control", vc.numbers().get("difference")),
                KeyNumber.of("mean s.d., lower half of the levels", v.numbers().get("sd_lower_half")),
                KeyNumber.of("mean s.d., upper half of the levels", v.numbers().get("sd_upper_half")),
                new KeyNumber("threshold", Verdicts.SPREAD_MIN_RISE, "", Double.NaN));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("On a manifold of one dimension everywhere the spread peaks at the transition and returns to 0, so this claim is "
                + "expected not to hold there (docs/science.md#verdicts); mixed-dimension data is the real test.");
        return section("A2: local dimension becomes more varied between sequences", v,
                Definitions.LOCAL_DIM, numbers, figs.list, null, text);
    }

    private Section a3() {
        Verdict v = r.claims().model().get(Claim.A3_NONCONSERVATIVE_WITHIN), vc = r.claims().control().get(Claim.A3_NONCONSERVATIVE_WITHIN);
        Figures figs = new Figures();
        figs.add("a3-ratios", "Asymmetry ratios r_TT and r_NN (medians per level)", SIGMA, Axis.log("ratio"), List.of(
                LineSeries.solid("r_TT, true frame", sigma, LevelStats.median(model, row -> row.point().blocksTrue().rTT())),
                LineSeries.solid("r_NN, true frame", sigma, LevelStats.median(model, row -> row.point().blocksTrue().rNN())),
                LineSeries.solid("r_X (cross), true frame", sigma, LevelStats.median(model, row -> row.point().blocksTrue().rX())),
                LineSeries.dashed("r_TT, learned frame", sigma, LevelStats.median(model, row -> row.point().blocks().rTT())),
                LineSeries.dashed("r_NN, learned frame", sigma, LevelStats.median(model, row -> row.point().blocks().rNN())),
                LineSeries.dashed("||A||/||J||, energy control", sigma, LevelStats.median(control, row -> row.point().asymmetry().relativeNorm())),
                LineSeries.solid("||A||/||J||, model", sigma, LevelStats.median(model, row -> row.point().asymmetry().relativeNorm()))));
        figs.add("a3-share", "Tangent share of ||A||_F^2 vs its random baseline (true frame, medians)", SIGMA, Axis.linear("share"), ClaimSections.shareSeries(model, sigma, row -> row.point().blocksTrue(), false));
        int dim = kind.truth().ambientDim();
        double[] index = new double[dim], small = new double[dim], all = new double[dim];
        for (int i = 0; i < dim; i++) {
            final int f = i;
            index[i] = i + 1;
            small[i] = LevelStats.medianAtMost(model, Verdicts.smallSigma(kind.noiseUnit()), row -> row.point().features().signPairing()[f]);
            all[i] = LevelStats.medianAtMost(model, Double.POSITIVE_INFINITY, row -> row.point().features().signPairing()[f]);
        }
        figs.add("a3-sign", "Sign pairing c_i = -u_i . v_i by feature index (median)", Axis.linear("feature index i (s descending)"),
                Axis.linear("c_i"), List.of(new ScatterSeries("sigma <= " + fmt(Verdicts.smallSigma(kind.noiseUnit())), index, small),
                        new ScatterSeries("all levels", index, all)));
        if (dim == 3)
            figs.add("a3-curl", "Curl alignment with the normal: cos^2(w, n) (median; equals the tangent share for d = 2)", SIGMA,
                    Axis.linear("cos^2(w, n)"), List.of(LineSeries.solid("model", sigma, LevelStats.median(model, row -> row.point().blocksTrue().curlNormalCos2()))));
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median r_TT (small sigma)", v.numbers().get("median_r_tt"), "threshold", Verdicts.MATERIALITY_MIN_RTT),
                new KeyNumber("median r_NN (small sigma)", v.numbers().get("median_r_nn"), "energy control r_NN", vc.numbers().get("median_r_nn")),
                new KeyNumber("median tangent share", v.numbers().get("median_tangent_share"), "random baseline", v.numbers().get("median_tangent_share_baseline")),
                new KeyNumber("median ||A||_F/||J||_F", v.numbers().get("median_rel_asym"), "energy control", vc.numbers().get("median_rel_asym")),
                new KeyNumber("median ||A||_F/||J||_F", v.numbers().get("median_rel_asym"), "round-off floor", io.scorescope.geometry.Asymmetry.ROUNDOFF_FLOOR),
                new KeyNumber("median r_TT / median r_NN", v.numbers().get("r_tt_over_r_nn"), "needed if codim >= 2", Verdicts.CONCENTRATION_MIN_RTT_OVER_RNN),
                KeyNumber.of("median codimension", v.numbers().get("median_codim")),
                KeyNumber.of("points at small sigma", v.numbers().get("points")));
        List<KeyNumber> withFrames = new ArrayList<>(numbers);
        withFrames.addAll(ClaimSections.frameNumbers(r.claims(), Claim.A3_NONCONSERVATIVE_WITHIN, "median_r_tt", "median_tangent_share_excess"));
        numbers = withFrames;
        List<String> text = new ArrayList<>(figs.notes);
        text.add("Codimension 1 makes A_NN identically 0 (so r_NN = 0 by construction) and d = 1 makes A_TT 0: the tangent share is the "
                + "meaningful reading there. The exact field is symmetric (conservative to round-off), so it has no ratios.");
        return section("A3: non-conservative mixing within the manifold", v, Definitions.ASYMMETRY + "\n" + Definitions.SUBSPACES,
                numbers, figs.list, null, text);
    }

    private Section a4() {
        Verdict v = r.claims().model().get(Claim.A4_NORMAL_PROJECTION), ve = r.claims().exact().get(Claim.A4_NORMAL_PROJECTION);
        Figures figs = new Figures();
        figs.add("a4-normal", "Normal block ||P_N(I + sigma^2 J)P_N||_2 and leakage (true frame, medians)", SIGMA, Axis.log("spectral norm"), List.of(
                LineSeries.solid("normal block, model", sigma, LevelStats.median(model, row -> row.point().projectionTrue().normalBlockNorm())),
                LineSeries.dashed("normal block, exact field", sigma, LevelStats.median(model, row -> row.point().exact().projection().normalBlockNorm())),
                LineSeries.solid("leakage, model", sigma, LevelStats.median(model, row -> row.point().projectionTrue().leakage())),
                LineSeries.dashed("leakage, exact field", sigma, LevelStats.median(model, row -> row.point().exact().projection().leakage())),
                LineSeries.solid("normal block, energy control", sigma, LevelStats.median(control, row -> row.point().projectionTrue().normalBlockNorm()))));
        figs.add("a4-score", "Relative error of the normal component of g vs the exact noisy score (median)", SIGMA, Axis.log("relative error"), List.of(
                LineSeries.solid("model", sigma, LevelStats.median(model, row -> row.point().normalScoreError())),
                LineSeries.solid("energy control", sigma, LevelStats.median(control, row -> row.point().normalScoreError()))));
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median normal block norm (small sigma)", v.numbers().get("median_normal_block_norm"), "exact field", ve.numbers().get("median_normal_block_norm")),
                new KeyNumber("median leakage (small sigma)", v.numbers().get("median_leakage"), "exact field", ve.numbers().get("median_leakage")),
                new KeyNumber("median normal-score relative error", v.numbers().get("median_normal_score_rel_err"), "threshold", Verdicts.NORMAL_PROJECTION_MAX),
                KeyNumber.of("points at small sigma", v.numbers().get("points")));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("Curvature makes the exact normal block 0.07-0.22 at sigma >= 0.3 on the unit sphere: '~0' is a small-sigma statement; compare with the exact field at every level.");
        return section("A4: off the manifold the denoiser projects onto it", v, Definitions.NORMAL_PROJECTION, numbers, figs.list, null, text);
    }

    private Section a5() {
        Verdict v = r.claims().model().get(Claim.A5_EFFECTIVE_OVERLAP);
        Figures figs = new Figures();
        figs.add("a5-overlap", "Overlap of the kept features with the effective density's top-k subspace (medians)", SIGMA, Axis.linear("overlap"), List.of(
                LineSeries.solid("overlap", sigma, LevelStats.median(model, row -> effective(row, 0))),
                LineSeries.solid("normalised overlap", sigma, LevelStats.median(model, row -> effective(row, 1))),
                LineSeries.dashed("random baseline k/D", sigma, LevelStats.median(model, row -> effective(row, 2))),
                LineSeries.dashed("energy control overlap", sigma, LevelStats.median(control, row -> effective(row, 0)))));
        figs.add("a5-jacobian", "Relative Jacobian error against the effective density's Jacobian (medians)", SIGMA, Axis.log("||J - J_eff||_F / ||J_eff||_F"), List.of(
                LineSeries.solid("population (quadrature)", sigma, LevelStats.median(model, row -> row.point().population() == null ? Double.NaN : row.point().population().jacobianError())),
                LineSeries.solid("training set", sigma, LevelStats.median(model, row -> row.point().training() == null ? Double.NaN : row.point().training().jacobianError())),
                LineSeries.dashed("energy control, population", sigma, LevelStats.median(control, row -> row.point().population() == null ? Double.NaN : row.point().population().jacobianError()))));
        figs.add("a5-ess", "Effective sample size of the training-set posterior (median; below ~10 the training comparison is unreliable)", SIGMA,
                Axis.log("ESS"), List.of(LineSeries.solid("ESS", sigma, LevelStats.median(model, row -> row.point().training() == null ? Double.NaN : row.point().training().ess()))));
        var extra = Summary.numbers(v, model);
        var extraControl = Summary.numbers(r.claims().control().get(Claim.A5_EFFECTIVE_OVERLAP), control);
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median normalised overlap", v.numbers().get("median_normalised_overlap"), "threshold", Verdicts.OVERLAP_MIN_NORMALISED),
                new KeyNumber("median normalised overlap", v.numbers().get("median_normalised_overlap"), "energy control",
                        r.claims().control().get(Claim.A5_EFFECTIVE_OVERLAP).numbers().get("median_normalised_overlap")),
                new KeyNumber("median overlap", extra.path("overlap_median").asDouble(Double.NaN), "random baseline k/D", extra.path("random_baseline").asDouble(Double.NaN)),
                new KeyNumber("median Jacobian error (population)", extra.path("jacobian_error_population_median").asDouble(Double.NaN),
                        "energy control", extraControl.path("jacobian_error_population_median").asDouble(Double.NaN)),
                KeyNumber.of("median Jacobian error (training set)", extra.path("jacobian_error_training_median").asDouble(Double.NaN)),
                KeyNumber.of("median ESS (training set)", extra.path("ess_training_median").asDouble(Double.NaN)),
                KeyNumber.of("points with 1 <= k <= D-1", v.numbers().get("points")));
        return section("A5: local features overlap the effective density", v, Definitions.EFFECTIVE_DENSITY, numbers, figs.list, null, figs.notes);
    }

    private Section a6() {
        return ClaimSections.a6Section(r.claims().model().get(Claim.A6_CONSTRAINED_MIXING), r.mixing(), "A6: constrained mixing, model vs conservative control",
                "Tangential transport mean |pi(x_t) - pi(x_0)| after t Langevin steps", Definitions.MIXING,
                List.of(Definitions.MIXING_SIGMAS + ". The claim holds only if it holds at every mixing level."));
    }

    private Section quality() {
        JsonNode q = r.quality().toJson();
        List<KeyNumber> numbers = new ArrayList<>(List.of(
                new KeyNumber("median distance to M (after final denoising)", q.path("distance_median").asDouble(Double.NaN), "without it (raw)", q.path("distance_median_raw").asDouble(Double.NaN)),
                KeyNumber.of("90th percentile distance to M", q.path("distance_p90").asDouble(Double.NaN)),
                new KeyNumber("excess held-out DSM loss over the Bayes floor", q.path("excess_loss").asDouble(Double.NaN), "Bayes floor", q.path("bayes_loss").asDouble(Double.NaN)),
                new KeyNumber("energy distance to fresh data", q.path("two_sample").path("value").asDouble(Double.NaN), "two fresh samples", q.path("two_sample").path("null_level").asDouble(Double.NaN))));
        if (q.hasNonNull("proportion_error_max")) numbers.add(KeyNumber.of("largest component-weight error", q.get("proportion_error_max").asDouble()));
        Table table = null;
        if (q.has("proportions")) {
            List<List<String>> rows = new ArrayList<>();
            q.get("proportions").fields().forEachRemaining(e -> rows.add(List.of(e.getKey(),
                    cell(e.getValue().get("true").asDouble()), cell(e.getValue().get("estimated").asDouble()))));
            table = new Table(List.of("component", "true_weight", "estimated_weight"), rows);
        }
        Figures figs = new Figures();
        List<Series> losses = new ArrayList<>();
        r.model().checkpoint().ifPresent(m -> losses.add(loss("model (" + m.model().spec().parameterisation().cliName() + ")", m.history())));
        losses.add(loss("energy control", r.control().checkpoint().orElseThrow().history()));
        figs.add("training-loss", "Training DSM loss (window means)" + (r.model().isCheckpoint() ? "" : "; the model was trained elsewhere"),
                Axis.linear("step"), Axis.log("loss"), losses);
        return new Section("quality", "Sample quality", "", Badge.notEvaluated("reported; docs/science.md gives no verdict rule for sample quality"),
                Definitions.SAMPLE_QUALITY + "\n" + Definitions.DSM, numbers, figs.list, table, figs.notes);
    }

}
