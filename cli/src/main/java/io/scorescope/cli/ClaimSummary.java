package io.scorescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.ConstrainedMixing;
import io.scorescope.geometry.EffectiveDensityOverlap;
import io.scorescope.geometry.PointAnalysis;
import io.scorescope.geometry.Verdict;
import io.scorescope.io.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * summary.json: the machine-readable verdicts (schema of issue 4). Each claim carries "holds", the numbers its
 * rule used (a verdict's "median_x" is written "x_median"), the rule and threshold, and the same numbers for the
 * exact field ("exact") and the energy control ("control") at the same points. Undefined numbers (NaN, e.g. r_NN in
 * codimension 1) are JSON null.
 */
final class ClaimSummary {
    /** summary.json claim key for each verdict claim id, in report order. */
    static final Map<String, String> KEYS = keys();

    private ClaimSummary() {}

    private static Map<String, String> keys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("A2-rise", "A2_dimension_rises");
        m.put("A2-spread", "A2_spread_rises");
        m.put("A3", "A3_nonconservative_within");
        m.put("A4", "A4_normal_projection");
        m.put("A5", "A5_effective_overlap");
        m.put("A6", "A6_constrained_mixing");
        return m;
    }

    static ObjectNode build(Reproduction.Result r, double seconds, JsonNode provenance) {
        ObjectNode o = Json.object();
        o.put("data", r.data().spec()).put("ambient_dim", r.manifold().ambientDim()).put("manifold_dim", r.manifold().intrinsicDim())
                .put("seconds", seconds).put("quick", r.settings().budget() != Budget.FULL)
                .put("budget", r.settings().budget().name()).put("seed", r.settings().seed()).put("noise_scale", r.noiseScale());
        o.set("claims", claims(r));
        o.set("sample_quality", r.quality());
        ObjectNode models = o.putObject("models");
        models.set("model", r.model().describe());
        models.set("control", r.control().describe());
        ObjectNode timing = o.putObject("stage_seconds");
        r.stageSeconds().forEach(timing::put);
        o.set("provenance", provenance);
        return o;
    }

    static ObjectNode claims(Reproduction.Result r) {
        ObjectNode claims = Json.object();
        Reproduction.Claims c = r.claims();
        Reproduction.Analyses a = r.analyses();
        for (int i = 0; i < c.model().size(); i++) {
            Verdict v = c.model().get(i);
            ObjectNode claim = numbers(v, a.model());
            claim.put("rule", v.rule()).put("threshold", v.threshold());
            claim.set("exact", numbers(c.exact().get(i), a.exact()));
            claim.set("control", numbers(c.control().get(i), a.control()));
            claims.set(KEYS.get(v.claim()), claim);
        }
        ObjectNode a6 = numbers(c.a6(), null);
        a6.put("rule", c.a6().rule() + " (at every mixing noise level: the worst ratios are used)").put("threshold", c.a6().threshold());
        var per = a6.putArray("per_sigma");
        for (ConstrainedMixing m : r.mixing()) per.add(m.toJson());
        claims.set(KEYS.get(c.a6().claim()), a6);
        return claims;
    }

    /** "holds" and the verdict's numbers, plus the claim's extra reference numbers from the table. */
    static ObjectNode numbers(Verdict v, AnalysisTable t) {
        ObjectNode o = Json.object().put("holds", v.holds());
        v.numbers().forEach((k, x) -> put(o, k.startsWith("median_") ? k.substring(7) + "_median" : k, x));
        if (t == null) return o;
        switch (v.claim()) {
            case "A3" -> {
                put(o, "tangent_share_baseline", v.numbers().get("median_tangent_share_baseline"));
                put(o, "nasym_median", LevelStats.medianAtMost(t, io.scorescope.geometry.Verdicts.SMALL_SIGMA, row -> row.point().asymmetry().nasym()));
            }
            case "A5" -> {
                put(o, "overlap_median", effective(t, EffectiveDensityOverlap::overlap));
                put(o, "random_baseline", effective(t, EffectiveDensityOverlap::baseline));
                put(o, "jacobian_error_population_median", median(t, p -> p.population() == null ? Double.NaN : p.population().jacobianError()));
                put(o, "jacobian_error_training_median", median(t, p -> p.training() == null ? Double.NaN : p.training().jacobianError()));
                put(o, "ess_training_median", median(t, p -> p.training() == null ? Double.NaN : p.training().ess()));
            }
            default -> { }
        }
        return o;
    }

    private static double effective(AnalysisTable t, ToDoubleFunction<EffectiveDensityOverlap> f) {
        return median(t, p -> p.effectiveDensity() == null ? Double.NaN : f.applyAsDouble(p.effectiveDensity()));
    }

    private static double median(AnalysisTable t, ToDoubleFunction<PointAnalysis> f) {
        return LevelStats.medianAtMost(t, Double.POSITIVE_INFINITY, row -> f.applyAsDouble(row.point()));
    }

    static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }
}
