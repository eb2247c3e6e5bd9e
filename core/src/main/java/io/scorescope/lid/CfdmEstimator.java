package io.scorescope.lid;

import io.scorescope.field.SmoothedEmpiricalField;
import io.scorescope.math.Mat;

/**
 * CFDM: the FLIPD quantity D + sigma^2 (tr J + |g|^2) with the closed-form score of the Gaussian-smoothed empirical
 * distribution of the data ({@link SmoothedEmpiricalField}); no network. Leave-one-out: at query row i the empirical
 * distribution is that of the other n - 1 rows (with row i included, its own kernel dominates at small sigma and
 * the estimate collapses to 0). sigma must exceed the typical neighbour spacing, so its default is larger than
 * FLIPD's. Cost O(n D^2) per point with the exact trace.
 */
public final class CfdmEstimator implements LidEstimator {
    private final FlipdEstimator flipd;

    public CfdmEstimator(double sigma, FlipdEstimator.Trace trace, int probes) {
        this.flipd = new FlipdEstimator("cfdm", sigma, trace, probes);
    }

    @Override public String name() { return "cfdm"; }

    @Override public String rule() {
        return flipd.rule() + "; field = smoothed empirical distribution of the other n-1 rows (leave-one-out)";
    }

    @Override public boolean needsField() { return false; }

    @Override public Estimates estimate(LidProblem p) {
        Mat data = p.data();
        int n = data.rows(), dim = data.cols();
        double[] out = new double[p.queries().length], se = null;
        for (int q = 0; q < out.length; q++) {
            int row = p.queries()[q];
            Mat rest = new Mat(n - 1, dim);
            System.arraycopy(data.data(), 0, rest.data(), 0, row * dim);
            System.arraycopy(data.data(), (row + 1) * dim, rest.data(), row * dim, (n - 1 - row) * dim);
            LidEstimator.Estimates e = flipd.estimate(new SmoothedEmpiricalField(rest), data.rows(row, row + 1), new int[] {row}, p.seed());
            out[q] = e.values()[0];
            if (e.standardErrors() != null) {
                if (se == null) se = new double[out.length];
                se[q] = e.standardErrors()[0];
            }
        }
        return Estimates.ofMean(out, se);
    }
}
