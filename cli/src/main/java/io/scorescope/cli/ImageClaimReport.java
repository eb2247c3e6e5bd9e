package io.scorescope.cli;

import static io.scorescope.cli.ClaimReport.cell;
import static io.scorescope.cli.ClaimReport.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.AnalysisTable.Row;
import io.scorescope.geometry.ConstrainedMixing;
import io.scorescope.geometry.Definitions;
import io.scorescope.geometry.Verdicts;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import io.scorescope.report.Axis;
import io.scorescope.report.Figure;
import io.scorescope.report.ImageFigures;
import io.scorescope.report.KeyNumber;
import io.scorescope.report.LineSeries;
import io.scorescope.report.Report;
import io.scorescope.report.ReportFiles;
import io.scorescope.report.Section;
import io.scorescope.report.Series;
import io.scorescope.report.Table;
import io.scorescope.report.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The image version of the {@code scorescope reproduce} report, summary.json (same claim keys as the manifold one)
 * and provenance. There is no true manifold and no exact field: every frame is the learned split, the effective
 * density is the posterior over the training images, A6 uses the manifold-free mixing variant (pi = the model's
 * denoiser), and the references shown are the energy control and the random baselines.
 */
final class ImageClaimReport {
    private static final Axis SIGMA = Axis.log("sigma");
    private static final int GRID = 64, GRID_COLUMNS = 8, STRIPS = 3, STRIP_LEVELS = 8, FEATURES_SHOWN = 6, POSTERIOR_TOP = 6;

    private final ImageReproduction.Result r;
    private final AnalysisTable model, control;
    private final double[] sigma;

    private ImageClaimReport(ImageReproduction.Result r) {
        this.r = r;
        this.model = r.analyses().model();
        this.control = r.analyses().control();
        this.sigma = LevelStats.sigma(model);
    }

    /** Writes report.html (+ figures, tables), tables/analysis*.csv, provenance.json and summary.json into --out. */
    static void write(ImageReproduction.Result r, long startNanos) {
        ObjectNode provenance = provenance(r).toJson();
        ReportFiles.writeAll(build(r, provenance), r.settings().out());
        ReproduceCommand.write(r.analyses().model(), r.train().dim(), r.settings().out().resolve("tables").resolve("analysis.csv"));
        ReproduceCommand.write(r.analyses().control(), r.train().dim(), r.settings().out().resolve("tables").resolve("analysis_control.csv"));
        Json.write(r.settings().out().resolve(ReproduceCommand.PROVENANCE), provenance);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Json.write(r.settings().out().resolve(ReproduceCommand.SUMMARY), summary(r, seconds, provenance));
        printSummary(r, seconds);
    }

    static Provenance provenance(ImageReproduction.Result r) {
        ObjectNode config = Json.object();
        config.put("data", r.data().spec()).put("noise_scale", r.noiseScale()).put("test_data", ImageReproduction.testSpec(r.data().spec()));
        config.set("budget", r.settings().budget().toJson());
        var sig = config.putArray("mixing_sigmas");
        r.mixing().forEach(m -> sig.add(m.sigma()));
        config.put("mixing_autocorr_pixel", r.mixingCoordinate());
        config.put("model_given", r.settings().modelDir() != null).put("control_given", r.settings().controlDir() != null);
        var sampler = ImageReproduction.samplerConfig(r.model(), r.settings().budget());
        config.putObject("sampler").put("name", sampler.sampler()).put("schedule", sampler.schedule()).put("steps", sampler.steps())
                .put("sigma_min", sampler.sigmaMin()).put("sigma_max", sampler.sigmaMax());
        Provenance p = Provenance.of("reproduction", r.settings().seed(), config)
                .input("data", r.data().info())
                .input("test_data", r.test().info())
                .input("model", ReproduceCommand.modelInfo(r.model()))
                .input("control", ReproduceCommand.modelInfo(r.control()));
        return Definitions.defineImages(p);
    }

    // ---- summary.json ---------------------------------------------------------------------------------------

    static ObjectNode summary(ImageReproduction.Result r, double seconds, JsonNode provenance) {
        ObjectNode o = Json.object();
        o.put("data", r.data().spec()).put("kind", "images").put("ambient_dim", r.train().dim()).putNull("manifold_dim")
                .put("seconds", seconds).put("quick", !r.settings().budget().name().equals("full"))
                .put("budget", r.settings().budget().name()).put("seed", r.settings().seed()).put("noise_scale", r.noiseScale());
        ObjectNode claims = o.putObject("claims");
        ImageReproduction.Claims c = r.claims();
        for (int i = 0; i < c.model().size(); i++) {
            io.scorescope.geometry.Verdict v = c.model().get(i);
            ObjectNode claim = ClaimSummary.numbers(v, r.analyses().model());
            claim.put("rule", v.rule()).put("threshold", v.threshold()).put("frame", "learned");
            claim.putNull("exact");
            claim.set("control", ClaimSummary.numbers(c.control().get(i), r.analyses().control()));
            if (v.claim().equals("A4")) claim.put("note", "no known manifold: measures the self-consistency of the learned tangent/normal split");
            claims.set(ClaimSummary.KEYS.get(v.claim()), claim);
        }
        ObjectNode a6 = ClaimSummary.numbers(c.a6(), null);
        a6.put("rule", c.a6().rule() + " (at every mixing noise level: the worst ratios are used)").put("threshold", c.a6().threshold())
                .put("variant", Definitions.IMAGE_MIXING);
        var per = a6.putArray("per_sigma");
        for (ConstrainedMixing m : r.mixing()) per.add(m.toJson());
        claims.set(ClaimSummary.KEYS.get(c.a6().claim()), a6);
        o.set("sample_quality", r.quality().json());
        ObjectNode models = o.putObject("models");
        models.set("model", ReproduceCommand.modelInfo(r.model()));
        models.set("control", ReproduceCommand.modelInfo(r.control()));
        ObjectNode timing = o.putObject("stage_seconds");
        r.stageSeconds().forEach(timing::put);
        o.set("provenance", provenance);
        return o;
    }

    // ---- report ------------------------------------------------------------------------------------------------

    static Report build(ImageReproduction.Result r, JsonNode provenance) {
        ImageClaimReport c = new ImageClaimReport(r);
        ImageBudget b = r.settings().budget();
        String subtitle = String.format(Locale.ROOT, "data %s (images %dx%d, D = %d; %d training, %d held-out), budget %s, seed %d: "
                        + "%d sequences x %d levels; model %s (%d DSM steps%s), control %s (%d steps%s); no true manifold: "
                        + "learned tangent/normal split, effective density over the training images",
                r.data().spec(), r.train().height(), r.train().width(), r.train().dim(), r.train().size(), r.test().size(), b.name(),
                r.settings().seed(), r.sequences().n(), c.sigma.length, r.model().model().describe(), r.model().step(),
                r.settings().modelDir() != null ? ", given" : "", r.control().model().describe(), r.control().step(),
                r.settings().controlDir() != null ? ", given" : "");
        return new Report("Scorescope reproduction on images: score-based models learn manifold-like structures with constrained mixing",
                subtitle, provenance, List.of(c.samples(), c.sequences(), c.features(), c.a2Rise(), c.a2Spread(), c.a3(), c.a4(), c.a5(), c.a6()));
    }

    private Section samples() {
        ImageReproduction.Quality q = r.quality();
        var mem = q.memorisation();
        List<KeyNumber> numbers = List.of(
                new KeyNumber("memorisation ratio (median NN distance, samples / held-out)", mem.ratio(), "generalising model", 1),
                new KeyNumber("copy fraction (closer than the held-out 5th percentile)", mem.copyFraction(), "held-out images", 0.05),
                KeyNumber.of("classifier accuracy on held-out images", q.testAccuracy()),
                new KeyNumber("classifier mean confidence on samples", q.onSamples().meanConfidence(), "on held-out images", q.onHeldOut().meanConfidence()),
                new KeyNumber("share of samples with confidence >= 0.9", q.onSamples().confidentShare(), "held-out images", q.onHeldOut().confidentShare()));
        int[] counts = q.onSamples().classCounts();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < counts.length; k++)
            rows.add(List.of(Integer.toString(k), Integer.toString(counts[k]), Integer.toString(q.onHeldOut().classCounts().length > k ? q.onHeldOut().classCounts()[k] : 0)));
        Table table = new Table(List.of("class", "samples_predicted", "heldout_predicted"), rows);
        List<Figure> figs = new ArrayList<>();
        int shown = Math.min(GRID, q.samples().rows());
        figs.add(ImageFigures.sampleGrid("sample-grid", shown + " samples (reverse SDE, final denoising step)", q.samples().rows(0, shown), r.train(), GRID_COLUMNS));
        ClaimReport.Figures plots = new ClaimReport.Figures();
        plots.add("training-loss", "Training DSM loss (window means)", Axis.linear("step"), Axis.log("loss"), List.of(
                ClaimReport.loss("model (" + r.model().model().spec().parameterisation().cliName() + ")", r.model().history()),
                ClaimReport.loss("energy control", r.control().history())));
        figs.addAll(plots.list);
        return new Section("quality", "Samples and sample quality", "", Verdict.notEvaluated("reported; science.md gives no verdict rule for sample quality"),
                Definitions.IMAGE_SAMPLE_QUALITY + "\n" + Definitions.DSM, numbers, figs, table, plots.notes);
    }

    private Section sequences() {
        int n = Math.min(STRIPS, r.sequences().n());
        int[] which = new int[n];
        for (int i = 0; i < n; i++) which[i] = i;
        Figure strips = ImageFigures.sequenceStrips("sequence-strips", "Sample sequences: per sequence a row of iterates x and a row of denoised "
                + "estimates x + sigma^2 g at " + STRIP_LEVELS + " steps", r.sequences(), r.train(), which, STRIP_LEVELS);
        return new Section("sequences", "Sample sequences as images", "", Verdict.notEvaluated("illustration: no verdict rule"),
                Definitions.NOISE + "\n" + Definitions.SEQUENCES, List.of(), List.of(strips), null,
                List.of("Each image is scaled from its own minimum to maximum, so noisy iterates stay visible."));
    }

    private Section features() {
        Figure f = ImageFigures.localFeatures("local-features", "Local features of sequence 1: the right-singular vectors with the largest gains "
                + "at " + r.features().length + " noise levels (diverging colours, symmetric about 0)", r.features(), r.train(),
                Math.min(FEATURES_SHOWN, r.train().dim()));
        List<KeyNumber> numbers = new ArrayList<>();
        for (var lf : r.features()) numbers.add(KeyNumber.of("kept features (gain > 1/2) at sigma = " + fmt(lf.sigma()), lf.keptCount()));
        ClaimReport.Figures plots = new ClaimReport.Figures();
        plots.add("spectra-gains", "Gain spectrum along sequence 1: gamma_i = 1 - sigma^2 s_i of every feature", SIGMA, Axis.linear("gain"), gainLines());
        List<Figure> figs = new ArrayList<>(List.of(f));
        figs.addAll(plots.list);
        return new Section("spectra", "Local features as images (A1)", "A1", Verdict.notEvaluated("A1 is the analysis device itself: no verdict rule"),
                Definitions.FEATURES + "\n" + Definitions.GAIN, numbers, figs, null, plots.notes);
    }

    private List<Series> gainLines() {
        List<Series> out = new ArrayList<>();
        double[] x = LevelStats.sequence(model, 0, Row::sigma);
        for (int i = 0; i < r.train().dim(); i++) {
            final int f = i;
            out.add(LineSeries.solid("gamma_" + (i + 1), x, LevelStats.sequence(model, 0, row -> row.point().features().gains()[f])));
        }
        return out;
    }

    private Section a2Rise() {
        io.scorescope.geometry.Verdict v = r.claims().model().get(0);
        List<Series> lines = ClaimReport.localDimLines(model, sigma);
        double[] mean = LevelStats.mean(model, row -> row.point().localDim()), sd = LevelStats.sd(model, row -> row.point().localDim());
        lines.add(LineSeries.dashed("energy control (mean)", sigma, LevelStats.mean(control, row -> row.point().localDim())));
        List<Series> alt = List.of(
                LineSeries.solid("threshold #{gamma > 1/2}", sigma, mean),
                LineSeries.solid("soft tr(I + sigma^2 S)", sigma, LevelStats.mean(model, row -> row.point().dimension().soft())),
                LineSeries.solid("largest log-gap", sigma, LevelStats.mean(model, row -> row.point().dimension().logGap())),
                LineSeries.solid("participation ratio", sigma, LevelStats.mean(model, row -> row.point().dimension().participationRatio())));
        ClaimReport.Figures figs = new ClaimReport.Figures();
        figs.add("a2-dim", "Local dimension vs sigma along each sequence (model), spread band and control", SIGMA, Axis.linear("local_dim"), lines);
        figs.add("a2-alt", "Alternative local-dimension estimators (model, mean over sequences)", SIGMA, Axis.linear("dimension"), alt);
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median Spearman(sigma, local_dim)", v.numbers().get("median_spearman"), "energy control",
                        r.claims().control().get(0).numbers().get("median_spearman")),
                new KeyNumber("threshold", Verdicts.RISE_MAX_SPEARMAN, "", Double.NaN),
                KeyNumber.of("sequences", v.numbers().get("sequences")));
        List<List<String>> rows = new ArrayList<>();
        double[] co = LevelStats.mean(control, row -> row.point().localDim());
        for (int i = 0; i < sigma.length; i++) rows.add(List.of(cell(sigma[i]), cell(mean[i]), cell(sd[i]), cell(co[i])));
        Table table = new Table(List.of("sigma", "local_dim_mean", "local_dim_sd", "control_local_dim_mean"), rows);
        List<String> text = new ArrayList<>(figs.notes);
        text.add("The participation ratio is scale-free and the log-gap is noisy (science.md 3): shown, never used for the verdict.");
        return ClaimReport.section("a2-rise", "A2: local dimension rises as the noise falls", "A2", v,
                Definitions.LOCAL_DIM + "\n" + Definitions.SEQUENCES, numbers, figs.list, table, text);
    }

    private Section a2Spread() {
        io.scorescope.geometry.Verdict v = r.claims().model().get(1), vc = r.claims().control().get(1);
        ToDoubleFunction<Row> dim = row -> row.point().localDim();
        ClaimReport.Figures figs = new ClaimReport.Figures();
        figs.add("a2-sd", "Across-sequence s.d. of local_dim per level", SIGMA, Axis.linear("s.d. of local_dim"), List.of(
                LineSeries.solid("model", sigma, LevelStats.sd(model, dim)),
                LineSeries.dashed("energy control", sigma, LevelStats.sd(control, dim))));
        List<KeyNumber> numbers = List.of(
                new KeyNumber("mean s.d. lower half minus upper half", v.numbers().get("difference"), "energy control", vc.numbers().get("difference")),
                KeyNumber.of("mean s.d., lower half of the levels", v.numbers().get("sd_lower_half")),
                KeyNumber.of("mean s.d., upper half of the levels", v.numbers().get("sd_upper_half")),
                new KeyNumber("threshold", Verdicts.SPREAD_MIN_RISE, "", Double.NaN));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("Images are the real test of this claim (science.md verdict rules): different sequences end on different digits, "
                + "whose local dimensions differ.");
        return ClaimReport.section("a2-spread", "A2: local dimension becomes more varied between sequences", "A2", v,
                Definitions.LOCAL_DIM, numbers, figs.list, null, text);
    }

    private Section a3() {
        io.scorescope.geometry.Verdict v = r.claims().model().get(2), vc = r.claims().control().get(2);
        ClaimReport.Figures figs = new ClaimReport.Figures();
        figs.add("a3-ratios", "Asymmetry ratios in the learned frame (medians per level)", SIGMA, Axis.log("ratio"), List.of(
                LineSeries.solid("r_TT", sigma, LevelStats.median(model, row -> row.point().blocks().rTT())),
                LineSeries.solid("r_NN", sigma, LevelStats.median(model, row -> row.point().blocks().rNN())),
                LineSeries.solid("r_X (cross)", sigma, LevelStats.median(model, row -> row.point().blocks().rX())),
                LineSeries.solid("||A||/||J||, model", sigma, LevelStats.median(model, row -> row.point().asymmetry().relativeNorm())),
                LineSeries.dashed("||A||/||J||, energy control", sigma, LevelStats.median(control, row -> row.point().asymmetry().relativeNorm()))));
        figs.add("a3-share", "Shares of ||A||_F^2 vs their random baselines (learned frame, medians)", SIGMA, Axis.linear("share"), ClaimReport.shareSeries(model, sigma, row -> row.point().blocks(), true));
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median r_TT (sigma <= 0.1)", v.numbers().get("median_r_tt"), "threshold", Verdicts.MATERIALITY_MIN_RTT),
                new KeyNumber("median r_NN (sigma <= 0.1)", v.numbers().get("median_r_nn"), "energy control r_NN", vc.numbers().get("median_r_nn")),
                new KeyNumber("median tangent share", v.numbers().get("median_tangent_share"), "random baseline", v.numbers().get("median_tangent_share_baseline")),
                new KeyNumber("median ||A||_F/||J||_F", v.numbers().get("median_rel_asym"), "energy control", vc.numbers().get("median_rel_asym")),
                new KeyNumber("median r_TT / median r_NN", v.numbers().get("r_tt_over_r_nn"), "needed if codim >= 2", Verdicts.CONCENTRATION_MIN_RTT_OVER_RNN),
                KeyNumber.of("median codimension (learned)", v.numbers().get("median_codim")),
                KeyNumber.of("points at sigma <= 0.1", v.numbers().get("points")));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("No true manifold: the tangent/normal split is the learned one (kept features, gain > 1/2).");
        return ClaimReport.section("a3", "A3: non-conservative mixing within the (learned) manifold", "A3", v,
                Definitions.ASYMMETRY + "\n" + Definitions.IMAGE_SUBSPACES, numbers, figs.list, null, text);
    }

    private Section a4() {
        io.scorescope.geometry.Verdict v = r.claims().model().get(3), vc = r.claims().control().get(3);
        ClaimReport.Figures figs = new ClaimReport.Figures();
        figs.add("a4-normal", "Normal block ||P_N(I + sigma^2 J)P_N||_2 and leakage in the learned frame (medians)", SIGMA, Axis.log("spectral norm"), List.of(
                LineSeries.solid("normal block, model", sigma, LevelStats.median(model, row -> row.point().projection().normalBlockNorm())),
                LineSeries.solid("leakage, model", sigma, LevelStats.median(model, row -> row.point().projection().leakage())),
                LineSeries.dashed("normal block, energy control", sigma, LevelStats.median(control, row -> row.point().projection().normalBlockNorm())),
                LineSeries.dashed("leakage, energy control", sigma, LevelStats.median(control, row -> row.point().projection().leakage()))));
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median normal block norm (sigma <= 0.1)", v.numbers().get("median_normal_block_norm"), "energy control", vc.numbers().get("median_normal_block_norm")),
                new KeyNumber("median leakage (sigma <= 0.1)", v.numbers().get("median_leakage"), "energy control", vc.numbers().get("median_leakage")),
                new KeyNumber("threshold", Verdicts.NORMAL_PROJECTION_MAX, "", Double.NaN),
                KeyNumber.of("points at sigma <= 0.1", v.numbers().get("points")));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("Without a known manifold this claim measures the self-consistency of the learned split: N^ is by construction where "
                + "the gains are below 1/2, so the normal block is at most ~1/2 for a symmetric J; the test is whether it is near 0 "
                + "(clean removal) and whether the denoiser leaks tangent directions into normal ones. There is no exact field, so "
                + "no normal-score error.");
        return ClaimReport.section("a4", "A4: off the (learned) manifold the denoiser projects onto it", "A4", v,
                Definitions.NORMAL_PROJECTION + "\n" + Definitions.IMAGE_SUBSPACES, numbers, figs.list, null, text);
    }

    private Section a5() {
        io.scorescope.geometry.Verdict v = r.claims().model().get(4), vc = r.claims().control().get(4);
        ClaimReport.Figures figs = new ClaimReport.Figures();
        figs.add("a5-overlap", "Overlap of the kept features with the training posterior's top-k subspace (medians)", SIGMA, Axis.linear("overlap"), List.of(
                LineSeries.solid("overlap", sigma, LevelStats.median(model, row -> ClaimReport.effective(row, 0))),
                LineSeries.solid("normalised overlap", sigma, LevelStats.median(model, row -> ClaimReport.effective(row, 1))),
                LineSeries.dashed("random baseline k/D", sigma, LevelStats.median(model, row -> ClaimReport.effective(row, 2))),
                LineSeries.dashed("energy control overlap", sigma, LevelStats.median(control, row -> ClaimReport.effective(row, 0)))));
        figs.add("a5-jacobian", "Relative Jacobian error against the training posterior's Jacobian (medians)", SIGMA, Axis.log("||J - J_eff||_F / ||J_eff||_F"), List.of(
                LineSeries.solid("model", sigma, LevelStats.median(model, row -> row.point().training().jacobianError())),
                LineSeries.dashed("energy control", sigma, LevelStats.median(control, row -> row.point().training().jacobianError()))));
        figs.add("a5-ess", "Effective sample size of the training posterior (median; below ~10 the comparison is unreliable)", SIGMA,
                Axis.log("ESS"), List.of(LineSeries.solid("ESS", sigma, LevelStats.median(model, row -> row.point().training().ess()))));
        var extra = ClaimSummary.numbers(v, model);
        List<KeyNumber> numbers = List.of(
                new KeyNumber("median normalised overlap", v.numbers().get("median_normalised_overlap"), "threshold", Verdicts.OVERLAP_MIN_NORMALISED),
                new KeyNumber("median normalised overlap", v.numbers().get("median_normalised_overlap"), "energy control", vc.numbers().get("median_normalised_overlap")),
                new KeyNumber("median overlap", extra.path("overlap_median").asDouble(Double.NaN), "random baseline k/D", extra.path("random_baseline").asDouble(Double.NaN)),
                KeyNumber.of("median Jacobian error (training set)", extra.path("jacobian_error_training_median").asDouble(Double.NaN)),
                KeyNumber.of("median ESS (training set)", extra.path("ess_training_median").asDouble(Double.NaN)),
                KeyNumber.of("points with 1 <= k <= D-1", v.numbers().get("points")));
        List<Figure> all = new ArrayList<>(figs.list);
        ImageReproduction.Posteriors p = r.posteriors();
        all.add(ImageFigures.posteriorTopImages("a5-posterior", "Effective density: each row a sequence point and the training images of "
                + "largest posterior weight", p.points(), p.posteriors(), r.train(), POSTERIOR_TOP));
        List<String> text = new ArrayList<>(figs.notes);
        text.add("A model that generalises matches the population field, not the memorising training-set one: where the ESS is small "
                + "(small sigma) a low overlap or a large Jacobian error is expected and is not evidence against A5.");
        return ClaimReport.section("a5", "A5: local features overlap the effective density (training posterior)", "A5", v,
                Definitions.EFFECTIVE_DENSITY + "\n" + Definitions.IMAGE_EFFECTIVE_DENSITY, numbers, all, null, text);
    }

    private Section a6() {
        return ClaimReport.a6Section(r.claims().a6(), r.mixing(), "A6: constrained mixing, model vs conservative control (manifold-free variant)",
                "Transport of the denoised estimate mean |D(x_t) - D(x_0)| after t Langevin steps", Definitions.IMAGE_MIXING,
                List.of("Manifold-free variant (no true manifold on images): the closest point on M is replaced by the model's denoiser "
                + "D_sigma(x) = x + sigma^2 g_sigma(x), the same function for the model's and the control's chains, so transport is "
                + "the displacement of the denoised estimate and the distance |x - D(x)| a proxy for the distance to the data manifold. "
                + "Chains start at training images plus sigma noise; autocorrelation of the denoised pixel " + r.mixingCoordinate()
                + " (the pixel of largest variance). Mixing levels sigma = 0.05 and 0.2 (pixel units); the claim holds only if it holds at both."));
    }

    // ---- terminal --------------------------------------------------------------------------------------------

    private static void printSummary(ImageReproduction.Result r, double seconds) {
        System.out.printf(Locale.ROOT, "%nscorescope reproduce: %s (images, D = %d), budget %s, seed %d, %.0f s%n", r.data().spec(),
                r.train().dim(), r.settings().budget().name(), r.settings().seed(), seconds);
        List<io.scorescope.geometry.Verdict> all = new ArrayList<>(r.claims().model());
        all.add(r.claims().a6());
        for (io.scorescope.geometry.Verdict v : all) {
            String key = v.numbers().containsKey("difference") ? "difference" : v.numbers().keySet().iterator().next();
            System.out.printf(Locale.ROOT, "  %-27s %-14s %s = %.4g   (rule: %s)%n", ClaimSummary.KEYS.get(v.claim()),
                    v.holds() ? "holds" : "does not hold", key, v.numbers().get(key), v.threshold());
        }
        ImageReproduction.Quality q = r.quality();
        System.out.printf(Locale.ROOT, "  sample quality: memorisation ratio %.3g, copy fraction %.3g; classifier held-out accuracy %.3f, "
                        + "mean confidence on samples %.3f (held-out %.3f)%n", q.memorisation().ratio(), q.memorisation().copyFraction(),
                q.testAccuracy(), q.onSamples().meanConfidence(), q.onHeldOut().meanConfidence());
        System.out.printf("report: %s%n", r.settings().out().resolve("report.html"));
    }
}
