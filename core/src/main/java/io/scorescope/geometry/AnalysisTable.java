package io.scorescope.geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-(sequence, level) point analyses along sample sequences (spec section 4): the input of the verdicts.
 * Level indices are shared across sequences (level i is the same noise level in every sequence).
 */
public record AnalysisTable(List<Row> rows) {

    /** One analysed point: sequence index, level index, its noise level and the analysis. */
    public record Row(int sequence, int level, double sigma, PointAnalysis point) {}

    public AnalysisTable { rows = List.copyOf(rows); }

    /** Rows grouped by sequence (ascending index), each in level order. */
    public Map<Integer, List<Row>> bySequence() { return group(Row::sequence, Row::level); }

    /** Rows grouped by level (ascending index), each in sequence order. */
    public Map<Integer, List<Row>> byLevel() { return group(Row::level, Row::sequence); }

    /** The rows with sigma <= limit. */
    public List<Row> withSigmaAtMost(double limit) { return rows.stream().filter(r -> r.sigma <= limit).toList(); }

    /** f applied to each row. */
    public static double[] values(List<Row> rows, ToDoubleFunction<Row> f) { return rows.stream().mapToDouble(f).toArray(); }

    private Map<Integer, List<Row>> group(java.util.function.ToIntFunction<Row> key, java.util.function.ToIntFunction<Row> order) {
        Map<Integer, List<Row>> m = new TreeMap<>();
        for (Row r : rows) m.computeIfAbsent(key.applyAsInt(r), k -> new ArrayList<>()).add(r);
        m.values().forEach(l -> l.sort(Comparator.comparingInt(order)));
        return m;
    }
}
