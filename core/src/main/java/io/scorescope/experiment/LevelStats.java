package io.scorescope.experiment;

import io.scorescope.geometry.AnalysisTable;
import io.scorescope.geometry.AnalysisTable.Row;
import io.scorescope.geometry.SampleStats;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per-level summaries of an analysis table for the report's curves: level i is the same noise level in every
 * sequence, and its sigma is the median over sequences. Statistics ignore NaN entries (SampleStats).
 */
public final class LevelStats {
    private LevelStats() {}

    /** Median sigma of each level, in level order (descending sigma). */
    public static double[] sigma(AnalysisTable t) { return perLevel(t, Row::sigma, SampleStats::median); }

    public static double[] median(AnalysisTable t, ToDoubleFunction<Row> f) { return perLevel(t, f, SampleStats::median); }

    public static double[] mean(AnalysisTable t, ToDoubleFunction<Row> f) { return perLevel(t, f, SampleStats::mean); }

    /** Across-sequence sample s.d. per level. */
    public static double[] sd(AnalysisTable t, ToDoubleFunction<Row> f) { return perLevel(t, f, SampleStats::sampleSd); }

    /** f along sequence {@code seq}, in level order. */
    public static double[] sequence(AnalysisTable t, int seq, ToDoubleFunction<Row> f) {
        return AnalysisTable.values(t.bySequence().get(seq), f);
    }

    /** Median of f over all rows with sigma <= limit (all rows when limit is infinite). */
    public static double medianAtMost(AnalysisTable t, double limit, ToDoubleFunction<Row> f) {
        return SampleStats.median(AnalysisTable.values(t.withSigmaAtMost(limit), f));
    }

    private static double[] perLevel(AnalysisTable t, ToDoubleFunction<Row> f, java.util.function.ToDoubleFunction<double[]> stat) {
        List<List<Row>> levels = List.copyOf(t.byLevel().values());
        double[] out = new double[levels.size()];
        for (int i = 0; i < out.length; i++) out[i] = stat.applyAsDouble(AnalysisTable.values(levels.get(i), f));
        return out;
    }
}
