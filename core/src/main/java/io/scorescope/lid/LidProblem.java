package io.scorescope.lid;

import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;

/**
 * What a local-intrinsic-dimension estimator works on: the data set (n x D), the rows at which to estimate
 * (query indices into the data; neighbour searches exclude the query's own row), an optional score field
 * (needed by the score-based estimators; its noise is variance-exploding) and the seed of every random draw.
 *
 * @param data    n x D points
 * @param queries indices of the rows to estimate at
 * @param field   score field, or null for data-only estimators
 * @param seed    root seed; query i draws from Rng(seed).split(queries[i])
 */
public record LidProblem(Mat data, int[] queries, ScoreField field, long seed) {
    public LidProblem {
        if (data.rows() < 1 || data.cols() < 1) throw new InputException("need at least one point of dimension >= 1, got " + data.shape());
        for (int q : queries)
            if (q < 0 || q >= data.rows()) throw new IllegalArgumentException("query index " + q + " outside 0.." + (data.rows() - 1));
        if (field != null && field.dim() != data.cols())
            throw new InputException("the score field has dimension " + field.dim() + " but the data has " + data.cols());
        queries = queries.clone();
    }

    /** Every row is a query. */
    public static LidProblem allRows(Mat data, ScoreField field, long seed) {
        return new LidProblem(data, java.util.stream.IntStream.range(0, data.rows()).toArray(), field, seed);
    }

    /** The first m rows are queries (the rows are i.i.d. draws, so this is a random subset). */
    public static LidProblem firstRows(Mat data, int m, ScoreField field, long seed) {
        return new LidProblem(data, java.util.stream.IntStream.range(0, Math.min(m, data.rows())).toArray(), field, seed);
    }

    public int dim() { return data.cols(); }

    /** The query points (m x D). */
    public Mat queryPoints() {
        Mat q = new Mat(queries.length, data.cols());
        for (int i = 0; i < queries.length; i++) q.setRow(i, data.row(queries[i]));
        return q;
    }

    /** The field, or a one-line user error naming the estimator that needs it. */
    public ScoreField requireField(String estimator) {
        if (field == null) throw new InputException("estimator '" + estimator + "' needs a score field (pass --model DIR or use an exact field)");
        return field;
    }
}
