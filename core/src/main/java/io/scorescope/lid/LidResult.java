package io.scorescope.lid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.geometry.SampleStats;
import io.scorescope.io.Json;

/**
 * Per-point estimates and the global summary of one estimator on one problem.
 *
 * @param estimator      estimator name
 * @param rule           the decision rule with its parameter values, as printed
 * @param estimates      one estimate per query (NaN where undefined, e.g. duplicate neighbours)
 * @param standardErrors per-query standard error of a stochastic estimate (Hutchinson), or null
 * @param global         the estimator's global summary (see globalRule)
 * @param globalRule     how the global summary is formed
 * @param seconds        wall time of the estimate (not reproducible; reported only)
 */
public record LidResult(String estimator, String rule, double[] estimates, double[] standardErrors,
                        double global, String globalRule, double seconds) {

    /** Mean of the non-NaN per-point estimates. */
    public double mean() { return SampleStats.mean(estimates); }

    public double median() { return SampleStats.median(estimates); }

    /** Mean per-point standard error, NaN when the estimate is deterministic. */
    public double meanStandardError() { return standardErrors == null ? Double.NaN : SampleStats.mean(standardErrors); }

    /** Summary without the per-point arrays (non-finite numbers become null). */
    public ObjectNode summaryJson() {
        ObjectNode o = Json.object();
        o.put("estimator", estimator).put("rule", rule);
        Json.putFinite(o, "global", global);
        o.put("global_rule", globalRule);
        Json.putFinite(o, "mean", mean());
        Json.putFinite(o, "median", median());
        Json.putFinite(o, "mean_standard_error", meanStandardError());
        o.put("n_queries", estimates.length).put("seconds", seconds);
        return o;
    }
}
