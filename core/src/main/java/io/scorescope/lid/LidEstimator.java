package io.scorescope.lid;

import io.scorescope.geometry.SampleStats;

/**
 * A local intrinsic dimension estimator: per-point estimates at the queries of a {@link LidProblem} plus a
 * global summary. Every decision rule is explicit: {@link #rule()} states it with its parameter values, and it
 * is printed next to every number the estimator produces. Implementations are deterministic given the problem's seed.
 */
public interface LidEstimator {
    /** Short name, e.g. "flipd" or "nb-gap-centred". */
    String name();

    /** The decision rule with its parameters, one line. */
    String rule();

    /** Whether the problem must carry a score field. */
    boolean needsField();

    /** The estimates (without timing). */
    Estimates estimate(LidProblem problem);

    /** Runs {@link #estimate} and records the wall time. */
    default LidResult run(LidProblem problem) {
        long t0 = System.nanoTime();
        Estimates e = estimate(problem);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new LidResult(name(), rule(), e.values(), e.standardErrors(), e.global(), e.globalRule(), seconds);
    }

    /** Per-point values, optional standard errors, and the global summary with its rule. */
    record Estimates(double[] values, double[] standardErrors, double global, String globalRule) {
        /** Global summary = mean of the non-NaN per-point values. */
        public static Estimates ofMean(double[] values, double[] standardErrors) {
            return new Estimates(values, standardErrors, SampleStats.mean(values), "mean of the per-point estimates");
        }
    }
}
