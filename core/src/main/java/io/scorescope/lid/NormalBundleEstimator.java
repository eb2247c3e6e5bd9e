package io.scorescope.lid;

import io.scorescope.engine.Linalg;
import io.scorescope.field.ScoreField;
import io.scorescope.io.InputException;
import io.scorescope.math.Mat;
import io.scorescope.math.Rng;

/**
 * Normal-bundle estimate (Stanczuk et al. 2022/2024). At x draw K = kFactor * D points x + sigma0 z_k, z_k ~ N(0, I)
 * (stream Rng(seed).split(query row)), evaluate g_{sigma0} there and stack the scores into S (K x D). Near a
 * d-manifold the scores point along the normal space, so S has D - d large singular values and d small ones.
 * Optionally centre the columns of S first (the authors' code does; another public version does not).
 * Singular values s_1 >= ... >= s_D (zero-padded when K < D). Rules:
 * <ul>
 *   <li>GAP: normal dimension k* = argmax_{1<=k<=D-1} (s_k - s_{k+1}) (first maximiser), ID = D - k*
 *       (so ID is in 1..D-1: the rule cannot return 0 or D);</li>
 *   <li>THRESHOLD: ID = #{i : s_i / s_1 < exp(-2 tau)}; the singular values are normalised by the largest one
 *       (our choice: the unnormalised public version compares raw values, which scale as sqrt(K)/sigma0).</li>
 * </ul>
 */
public final class NormalBundleEstimator implements LidEstimator {
    /** The decision rule on the singular values. */
    public enum Rule { GAP, THRESHOLD }

    private static final int MAX_ROWS = 40_000;
    private final double sigma0, tau;
    private final int kFactor;
    private final boolean centred;
    private final Rule rule;

    public NormalBundleEstimator(double sigma0, int kFactor, boolean centred, Rule rule, double tau) {
        if (!(sigma0 > 0) || !Double.isFinite(sigma0)) throw new InputException("normal bundle: sigma0 must be positive, got " + sigma0);
        if (kFactor < 1) throw new InputException("normal bundle: K/D factor must be >= 1, got " + kFactor);
        if (!(tau > 0) || !Double.isFinite(tau)) throw new InputException("normal bundle: tau must be positive, got " + tau);
        this.sigma0 = sigma0;
        this.kFactor = kFactor;
        this.centred = centred;
        this.rule = rule;
        this.tau = tau;
    }

    @Override public String name() {
        return rule == Rule.GAP ? "nb-gap-" + (centred ? "centred" : "uncentred") : "nb-threshold-" + (centred ? "centred" : "uncentred");
    }

    @Override public String rule() {
        String m = "K=" + kFactor + "D scores at x + sigma0 z, sigma0=" + sigma0 + (centred ? ", centred" : ", uncentred") + "; ";
        return m + (rule == Rule.GAP ? "ID = D - argmax_k (s_k - s_{k+1})" : "ID = #{i : s_i/s_1 < exp(-2 tau)}, tau=" + tau);
    }

    @Override public boolean needsField() { return true; }

    @Override public Estimates estimate(LidProblem p) {
        ScoreField f = p.requireField(name());
        int dim = p.dim(), kk = kFactor * dim;
        int per = Math.max(1, MAX_ROWS / kk);
        Rng root = new Rng(p.seed());
        double[] out = new double[p.queries().length];
        for (int from = 0; from < out.length; from += per) {
            int to = Math.min(out.length, from + per);
            Mat x = new Mat((to - from) * kk, dim);
            for (int q = from; q < to; q++) {
                double[] c = p.data().row(p.queries()[q]);
                Rng r = root.split(p.queries()[q]);
                for (int s = 0; s < kk; s++) {
                    int row = (q - from) * kk + s;
                    for (int j = 0; j < dim; j++) x.set(row, j, c[j] + sigma0 * r.gaussian());
                }
            }
            Mat g = f.score(x, sigma0);
            Mat[] blocks = new Mat[to - from];
            for (int b = 0; b < blocks.length; b++) {
                blocks[b] = g.rows(b * kk, (b + 1) * kk);
                if (centred) centreColumns(blocks[b]);
            }
            double[][] sv = Linalg.singularValues(blocks);
            for (int b = 0; b < blocks.length; b++) out[from + b] = decide(padded(sv[b], dim));
        }
        return Estimates.ofMean(out, null);
    }

    /** The rule applied to descending singular values (length D). */
    double decide(double[] s) { return rule == Rule.GAP ? gapRule(s) : thresholdRule(s, tau); }

    /** D - argmax_{1<=k<=D-1} (s_k - s_{k+1}); NaN for D < 2. */
    public static double gapRule(double[] s) {
        int dim = s.length;
        if (dim < 2) return Double.NaN;
        int best = 1;
        double bestGap = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < dim; k++) {
            double gap = s[k - 1] - s[k];
            if (gap > bestGap) { bestGap = gap; best = k; }
        }
        return dim - best;
    }

    /** #{i : s_i / s_1 < exp(-2 tau)}; D when s_1 = 0. */
    public static double thresholdRule(double[] s, double tau) {
        if (!(s[0] > 0)) return s.length;
        double cut = Math.exp(-2 * tau);
        int c = 0;
        for (double v : s) if (v / s[0] < cut) c++;
        return c;
    }

    private static double[] padded(double[] s, int dim) {
        return s.length >= dim ? s : java.util.Arrays.copyOf(s, dim);
    }

    private static void centreColumns(Mat m) {
        for (int j = 0; j < m.cols(); j++) {
            double mean = 0;
            for (int i = 0; i < m.rows(); i++) mean += m.get(i, j);
            mean /= m.rows();
            for (int i = 0; i < m.rows(); i++) m.add(i, j, -mean);
        }
    }
}
