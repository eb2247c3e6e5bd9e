package io.scorescope.lid;

/** Scores of per-point estimates against the per-point truth. NaN estimates are skipped. */
public final class LidMetrics {
    private LidMetrics() {}

    /** Mean absolute error (1/m) sum |est_i - truth_i| over the finite estimates; NaN if none. */
    public static double mae(double[] est, int[] truth) {
        check(est, truth);
        double s = 0;
        int c = 0;
        for (int i = 0; i < est.length; i++) if (Double.isFinite(est[i])) { s += Math.abs(est[i] - truth[i]); c++; }
        return c == 0 ? Double.NaN : s / c;
    }

    /**
     * Harrell's concordance index: over the pairs i < j with truth_i != truth_j (and finite estimates), the fraction
     * ordered the same way by the estimates, a tie in the estimates counting 1/2. 1 = perfect ranking, 1/2 = chance;
     * NaN when no pair is comparable (e.g. constant truth). O(m^2).
     */
    public static double concordance(double[] est, int[] truth) {
        check(est, truth);
        double score = 0;
        long pairs = 0;
        for (int i = 0; i < est.length; i++) {
            if (!Double.isFinite(est[i])) continue;
            for (int j = i + 1; j < est.length; j++) {
                if (truth[i] == truth[j] || !Double.isFinite(est[j])) continue;
                pairs++;
                double d = (est[i] - est[j]) * Integer.signum(truth[i] - truth[j]);
                score += d > 0 ? 1 : d == 0 ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : score / pairs;
    }

    private static void check(double[] est, int[] truth) {
        if (est.length != truth.length) throw new IllegalArgumentException(est.length + " estimates but " + truth.length + " truths");
    }
}
