package io.scorescope.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.EffectiveDensityOverlap;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.io.Json;
import io.scorescope.io.Provenance;
import java.util.function.ToDoubleFunction;

/**
 * summary.json and provenance.json of an {@link Experiment}. Each claim, under its {@link Claim#key}, carries "holds"
 * (null when not evaluated), "verdict" (holds, does not hold, not evaluated) and "reason", the numbers its rule used (a verdict's "median_x" is written "x_median"), the rule and threshold, and the same
 * numbers for the exact field ("exact", null on images) and the energy control ("control") at the same points.
 * Undefined numbers (NaN, e.g. r_NN in codimension 1) are JSON null.
 */
public final class Summary {
    private Summary() {}

    public static ObjectNode build(Experiment.Result r, double seconds, JsonNode provenance) {
        ObjectNode o = Json.object();
        o.put("data", r.kind().data().spec()).put("kind", kindName(r.kind())).put("ambient_dim", r.kind().data().dim());
        if (r.kind().manifold().isPresent()) o.put("manifold_dim", r.kind().manifold().get().intrinsicDim()); else o.putNull("manifold_dim");
        o.put("seconds", seconds).put("quick", !r.kind().plan().name().equals("full"))
                .put("budget", r.kind().plan().name()).put("seed", r.settings().seed()).put("noise_scale", r.kind().noiseScale());
        o.set("claims", claims(r));
        o.set("sample_quality", r.quality().toJson());
        ObjectNode models = o.putObject("models");
        models.set("model", r.model().describe());
        models.set("control", r.control().describe());
        ObjectNode timing = o.putObject("stage_seconds");
        r.stageSeconds().forEach(timing::put);
        o.set("provenance", provenance);
        return o;
    }

    static String kindName(DataKind k) { return k instanceof ImageData ? "images" : "manifold"; }

    /** Every claim by key, in {@link Claim} order. */
    public static ObjectNode claims(Experiment.Result r) {
        ObjectNode claims = Json.object();
        Experiment.Claims c = r.claims();
        Experiment.Analyses a = r.analyses();
        boolean images = r.kind() instanceof ImageData;
        for (Claim key : Claim.PER_TABLE) {
            Verdict v = c.model().get(key);
            ObjectNode claim = numbers(v, a.model());
            claim.put("rule", v.rule()).put("threshold", v.threshold());
            claim.put("frame", images ? "control split" : "true");
            if (c.ownFrame().containsKey(key)) {
                ObjectNode frames = claim.putObject("frames");
                frames.set("own_split", numbers(c.ownFrame().get(key), null));
                if (c.posteriorFrame().containsKey(key)) frames.set("posterior_split", numbers(c.posteriorFrame().get(key), null));
            }
            if (a.exact().isPresent()) claim.set("exact", numbers(c.exact().get(key), a.exact().get())); else claim.putNull("exact");
            claim.set("control", numbers(c.control().get(key), a.control()));
            if (images && (key == Claim.A3_NONCONSERVATIVE_WITHIN || key == Claim.A4_NORMAL_PROJECTION))
                claim.put("note", "no known manifold: the reference frame is the conservative control's learned split at the same (x, sigma); "
                        + "the model's own split and the training posterior's split (levels with ESS >= 10) are under \"frames\"");
            claims.set(key.key(), claim);
        }
        Verdict a6v = c.model().get(Claim.A6_CONSTRAINED_MIXING);
        ObjectNode a6 = numbers(a6v, null);
        a6.put("rule", a6v.rule()).put("threshold", a6v.threshold());
        if (images) a6.put("variant", Definitions.IMAGE_MIXING);
        var per = a6.putArray("per_sigma");
        for (ConstrainedMixing m : r.mixing()) per.add(m.toJson());
        claims.set(Claim.A6_CONSTRAINED_MIXING.key(), a6);
        return claims;
    }

    /** "holds" and the verdict's numbers, plus the claim's extra reference numbers from the table (if given). */
    public static ObjectNode numbers(Verdict v, AnalysisTable t) {
        ObjectNode o = v.putOutcome(Json.object());
        v.numbers().forEach((k, x) -> Json.putFinite(o, k.startsWith("median_") ? k.substring(7) + "_median" : k, x));
        if (t == null) return o;
        switch (v.claim()) {
            case A3_NONCONSERVATIVE_WITHIN -> {
                Json.putFinite(o, "tangent_share_baseline", v.numbers().get("median_tangent_share_baseline"));
                Json.putFinite(o, "nasym_median", LevelStats.medianAtMost(t, v.numbers().get("small_sigma_max"), row -> row.point().asymmetry().nasym()));
            }
            case A5_EFFECTIVE_OVERLAP -> {
                Json.putFinite(o, "overlap_median", effective(t, EffectiveDensityOverlap::overlap));
                Json.putFinite(o, "random_baseline", effective(t, EffectiveDensityOverlap::baseline));
                Json.putFinite(o, "jacobian_error_population_median", median(t, p -> p.population() == null ? Double.NaN : p.population().jacobianError()));
                Json.putFinite(o, "jacobian_error_training_median", median(t, p -> p.training() == null ? Double.NaN : p.training().jacobianError()));
                Json.putFinite(o, "ess_training_median", median(t, p -> p.training() == null ? Double.NaN : p.training().ess()));
            }
            default -> { }
        }
        return o;
    }

    /** provenance.json: the configuration, the seed, the inputs (data, model, control) and every definition used. */
    public static Provenance provenance(Experiment.Result r) {
        ObjectNode config = Json.object();
        config.put("data", r.kind().data().spec()).put("noise_scale", r.kind().noiseScale());
        config.set("budget", r.kind().plan().toJson());
        var sig = config.putArray("mixing_sigmas");
        r.mixing().forEach(m -> sig.add(m.sigma()));
        r.kind().describe(config);
        config.set("sampler", r.sampler().toJson().put("prior", r.prior().describe()));
        config.put("analysis_sigma_max", r.analysisSigmaMax());
        config.put("model_given", r.settings().modelDir() != null || r.settings().modelFile() != null)
                .put("control_given", r.settings().controlDir() != null).put("models", r.models());
        config.set("cost_estimate", r.estimate().toJson());
        if (!r.settings().overrides().isNone()) config.set("overrides", r.settings().overrides().toJson());
        Provenance p = Provenance.of("reproduction", r.settings().seed(), config).input("data", r.kind().data().info());
        if (r.kind() instanceof ImageData images) p.input("test_data", images.test().info());
        p.input("model", r.model().info()).input("control", r.control().info());
        return Definitions.define(p, r.kind().definitions());
    }

    private static double effective(AnalysisTable t, ToDoubleFunction<EffectiveDensityOverlap> f) {
        return median(t, p -> p.effectiveDensity() == null ? Double.NaN : f.applyAsDouble(p.effectiveDensity()));
    }

    private static double median(AnalysisTable t, ToDoubleFunction<PointAnalysis> f) {
        return LevelStats.medianAtMost(t, Double.POSITIVE_INFINITY, row -> f.applyAsDouble(row.point()));
    }
}
