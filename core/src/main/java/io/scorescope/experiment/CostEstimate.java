package io.scorescope.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.engine.Engine;
import io.scorescope.field.ScoreField;
import io.scorescope.io.Json;
import io.scorescope.math.Mat;
import io.scorescope.sde.SampleSequence;
import io.scorescope.sde.SamplerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What the long stages after sampling will cost, extrapolated from timed probes of the networks the run uses, printed
 * before they start and kept in the provenance next to the measured stage times:
 * <pre>
 *   analysis = points x (sum over the analyses of one point's analysis time)   points = sequences x levels
 *              (the sequential cost: an upper bound when the control's analysis runs beside the others)
 *   mixing   = sigmas x [steps x (t_model + t_control) + rulers' reads]       t = one score evaluation of the chain batch;
 *              max(t_model, t_control) in place of the sum when the two chains run side by side
 *   quality  = sampler steps x t_model(quality batch)
 * </pre>
 * The analysis probe is one point at the middle level through each analysis; with the Jacobian memo shared by the
 * analyses its Jacobians are the analysis's own, so the probe costs nothing extra. Score probes use at most 256 rows
 * and scale per row (an overestimate for larger batches). Each ruler read (every steps/100 steps, plus 3 checkpoints)
 * costs one model and one control evaluation when the rulers are the networks' denoisers (images).
 */
public record CostEstimate(double analysisSeconds, double mixingSeconds, double qualitySeconds, double probeSeconds, String probes) {

    public double totalSeconds() { return analysisSeconds + mixingSeconds + qualitySeconds; }

    /**
     * Probes the networks. {@code steps}: the analysed steps of {@code seq}; {@code analyses}: one analysis of the
     * given point batch per entry (each runs it at one point and level), in the order the run does them.
     */
    static CostEstimate probe(DataKind kind, ScoreField model, ScoreField control, SampleSequence seq, int[] steps, SamplerConfig sampler,
                              List<BiConsumer<Mat, Double>> analyses) {
        long t0 = System.nanoTime();
        Plan plan = kind.plan();
        int mid = steps[steps.length / 2];
        Mat point = seq.atStep(mid).rows(0, 1);
        List<String> notes = new ArrayList<>();
        double perPoint = 0;
        for (var a : analyses) perPoint += seconds(() -> { a.accept(point, seq.sigma(mid)); return null; });
        double analysis = perPoint * seq.n() * steps.length;
        notes.add(String.format(Locale.ROOT, "analysis %.3g s per point", perPoint));

        double[] sigmas = kind.mixingSigmas();
        int chains = Math.min(plan.mixingChains(), 256);
        double sig = sigmas[sigmas.length / 2];
        Mat batch = seq.atStep(seq.sigmas().length - 1).rows(0, Math.min(seq.n(), 1));
        Mat probe = repeat(batch, chains);
        double tm = seconds(() -> model.score(probe, sig)) * plan.mixingChains() / chains;
        double tc = seconds(() -> control.score(probe, sig)) * plan.mixingChains() / chains;
        int every = Math.max(1, plan.mixingSteps() / 100), reads = plan.mixingSteps() / every + 3;
        // the model's and the control's chains run side by side when the engine has a core for each (ConstrainedMixing)
        double chainSeconds = Engine.sideBySide() >= 2 ? Math.max(tm, tc) : tm + tc;
        double perSigma = plan.mixingSteps() * chainSeconds + (kind.networkRulers() ? 2.0 * reads * chainSeconds : 0);
        double mixing = sigmas.length * perSigma;
        notes.add(String.format(Locale.ROOT, "one Langevin step of %d chains: model %.3g s, control %.3g s", plan.mixingChains(), tm, tc));

        int qb = Math.min(plan.qualitySamples(), 256);
        Mat qprobe = repeat(batch, qb);
        double tq = seconds(() -> model.score(qprobe, sig)) * plan.qualitySamples() / qb;
        double quality = (sampler.steps() + 1) * tq;
        notes.add(String.format(Locale.ROOT, "one sampler step of %d samples %.3g s", plan.qualitySamples(), tq));
        return new CostEstimate(analysis, mixing, quality, (System.nanoTime() - t0) / 1e9, String.join("; ", notes));
    }

    /** "analysis ~ 9.5 min, mixing ~ 3.1 min, quality ~ 40 s: ~ 13 min (probes: ...)". */
    public String describe() {
        return String.format(Locale.ROOT, "estimated cost: analysis ~ %s, mixing ~ %s, sample quality ~ %s; total ~ %s (probes took %s: %s)",
                human(analysisSeconds), human(mixingSeconds), human(qualitySeconds), human(totalSeconds()), human(probeSeconds), probes);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        Json.putFinite(o, "analysis_seconds", analysisSeconds);
        Json.putFinite(o, "mixing_seconds", mixingSeconds);
        Json.putFinite(o, "sample_quality_seconds", qualitySeconds);
        Json.putFinite(o, "probe_seconds", probeSeconds);
        return o.put("probes", probes);
    }

    static String human(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.0f s", s) : s < 5400 ? String.format(Locale.ROOT, "%.1f min", s / 60)
                : String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    private static double seconds(Supplier<?> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e9;
    }

    private static Mat repeat(Mat row, int n) {
        Mat m = new Mat(n, row.cols());
        for (int i = 0; i < n; i++) m.setRow(i, row.row(0));
        return m;
    }
}
